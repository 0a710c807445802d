/**
 * What the simulation plans, day by day, before it runs: posts composed through the window's own
 * commands (a day or so ahead of their time), visitors' comments, edits and deletions and the
 * team's replies when the inbox runs, and the incidents.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ChannelSummary } from '../../../src/shared/domain/entities'
import type { DemoHarness } from '../connections/harness'
import type { Agenda } from './agenda'
import type { InboxRun } from './inbox-start'
import type { IncidentLedger } from './incidents'
import type { SimOptions } from './month'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

/** A minimal JPEG (SOI, a start-of-frame with its size, EOI): what Instagram insists on. */
function jpegBytes(width: number, height: number): Buffer {
  return Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 255, width >> 8, width & 255, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xd9])
}

export interface Composer {
  /** Every post text written, for the verdict to find on the network. */
  readonly texts: Set<string>
  newText(): string
  /** Composes a post as the window does, with the picked image where Instagram is among the channels. */
  compose(text: string, channelIds: string[], publishAt: number): Promise<void>
}

export function createComposer(h: DemoHarness, channels: readonly ChannelSummary[], seed: number): Composer {
  const { core, ports } = h
  const imagePath = join(h.dir, 'sim.jpg')
  writeFileSync(imagePath, jpegBytes(1080, 1080))
  const texts = new Set<string>()
  let postNo = 0
  return {
    texts,
    newText() {
      const text = `Sim post ${++postNo} from seed ${seed}: fresh roast, new hours.`
      texts.add(text)
      return text
    },
    async compose(text, channelIds, publishAt) {
      const withImage = channelIds.some((id) => channels.find((c) => c.id === id)?.network === 'instagram')
      if (withImage) {
        ports.pickedFiles.push(imagePath)
        await core.handlers['schedule:pick-image'](undefined)
      }
      const result = await core.handlers['schedule:create-post']({ text, channelIds, publishAt, timeZone: 'UTC', ...(withImage ? { image: { path: imagePath } } : {}) })
      if (!result.post) throw new Error(`The simulation composed a post Relink refused: ${JSON.stringify(result.problems)}`)
    },
  }
}

export interface PlanDeps {
  options: SimOptions
  rng: () => number
  /** Edits and deletions draw from their own stream, so a seed's other events stay as they were without them. */
  changeRng: () => number
  agenda: Agenda
  channels: readonly ChannelSummary[]
  composer: Composer
  ledger: IncidentLedger
  inbox: InboxRun | undefined
  t0: number
}

/** Puts the whole run's posts, inbox traffic and incidents on the agenda. */
export function planRun(deps: PlanDeps): void {
  const { options, rng, changeRng, agenda, channels, composer, ledger, inbox, t0 } = deps
  const uniform = (a: number, b: number): number => a + (b - a) * rng()
  const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(rng() * list.length)]
  const end = t0 + options.days * DAY
  for (let d = 0; d < options.days; d++) {
    const dayStart = t0 + d * DAY
    const posts = Math.round(options.deliveriesPerDay / 1.3)
    for (let i = 0; i < posts; i++) {
      const publishAt = Math.round(dayStart + uniform(1 * HOUR, 23 * HOUR))
      if (publishAt > end - 12 * HOUR) continue
      const composeAt = Math.max(t0, publishAt - uniform(30 * MIN, 30 * HOUR))
      const picked = [pick(channels)?.id ?? '']
      if (rng() < 0.3) picked.push(pick(channels)?.id ?? '')
      const channelIds = [...new Set(picked)]
      const text = composer.newText()
      agenda.at(composeAt, () => composer.compose(text, channelIds, publishAt))
    }
    if (inbox && options.inbox) {
      for (let i = 0; i < options.inbox.commentsPerDay; i++) {
        const when = dayStart + uniform(0, DAY)
        if (when < end) agenda.at(when, async () => void inbox.traffic.comment())
      }
      for (let i = 0; i < (options.inbox.changesPerDay ?? 0); i++) {
        const when = dayStart + DAY * changeRng()
        const kind = changeRng() < 0.6 ? 'edit' : 'delete'
        if (when < end) agenda.at(when, async () => void inbox.traffic.change(kind))
      }
      for (let i = 0; i < (options.inbox.repliesPerDay ?? 0); i++) {
        const when = dayStart + DAY * inbox.replyRng()
        if (when < end) agenda.at(when, async () => void (await inbox.team.reply()))
      }
    }
    // Incidents stop half a day before the end: the settling days give the team time to act.
    const count = Math.floor(options.incidentsPerDay) + (rng() < options.incidentsPerDay % 1 ? 1 : 0)
    for (let i = 0; i < count; i++) {
      const when = dayStart + uniform(0, DAY)
      if (when < end - 12 * HOUR) agenda.at(when, ledger.start)
    }
  }
}
