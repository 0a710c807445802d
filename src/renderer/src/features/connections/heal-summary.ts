import type { HealOutcome } from '../../../../shared/domain/connections'
import { voiceOf } from '../../../../shared/domain/health-voice'
import { NETWORK_LABELS } from '../../../../shared/domain/network'

const where = (c: HealOutcome['working'][number]): string => `${c.name} (${NETWORK_LABELS[c.network]})`

/**
 * What a Refresh connection really did, in one or two sentences: how many of the profile's
 * channels work now, and each one still broken by name with its reason in the health table's words.
 */
export function healSummary(heal: HealOutcome | undefined): string {
  if (!heal) return ''
  const total = heal.working.length + heal.broken.length
  if (total === 0) return 'It has no channels in Relink yet.'
  const working =
    heal.broken.length === 0
      ? `${total === 1 ? 'Its channel works' : `All ${total} of its channels work`} in every brand.`
      : `${heal.working.length} of its ${total} channels work in every brand.`
  if (heal.broken.length === 0) return working
  const broken = heal.broken.map((c) => {
    const voice = voiceOf(c.health)
    const why = voice ? `${voice.badge}. ${voice.cause}` : c.detail
    return `${where(c)}: ${why}`
  })
  return `${working} Still not working: ${broken.join(' ')}`
}
