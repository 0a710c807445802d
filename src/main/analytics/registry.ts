import type { DayString, DefinitionChange } from '../../shared/domain/analytics'
import type { Network } from '../../shared/domain/network'
import { FACEBOOK_METRIC_REGISTRY } from '../providers/facebook/metric-registry'
import { INSTAGRAM_METRIC_REGISTRY } from '../providers/instagram/metric-registry'
import { LINKEDIN_METRIC_REGISTRY } from '../providers/linkedin/metric-registry'
import { MASTODON_METRIC_REGISTRY } from '../providers/mastodon/metric-registry'
import { X_METRIC_REGISTRY } from '../providers/x/metric-registry'
import type { NetworkRegistry, RegistryEntry } from './registry-types'

export const METRIC_REGISTRY: Readonly<Record<Network, NetworkRegistry>> = {
  facebook: FACEBOOK_METRIC_REGISTRY,
  instagram: INSTAGRAM_METRIC_REGISTRY,
  linkedin: LINKEDIN_METRIC_REGISTRY,
  x: X_METRIC_REGISTRY,
  mastodon: MASTODON_METRIC_REGISTRY,
}

const within = (e: RegistryEntry, day: DayString): boolean => (e.validFrom === null || e.validFrom <= day) && (e.validUntil === null || day <= e.validUntil)

/** The entries the network serves on `day` (what to ask for today). */
export function currentEntries(network: Network, scope: RegistryEntry['scope'], day: DayString, registry = METRIC_REGISTRY): RegistryEntry[] {
  const served = registry[network].entries.filter((e) => e.scope === scope && within(e, day))
  const names = new Set(served.map((e) => e.source))
  // While an old name and its replacement are both served, ask only the replacement: the two
  // measure the same thing and must not be added up.
  return served.filter((e) => e.replacedBy === null || !names.has(e.replacedBy))
}

/** The registry entry for a reported source name, as of `day` (a retired name maps to its old meaning). */
export function entryFor(network: Network, scope: RegistryEntry['scope'], source: string, registry = METRIC_REGISTRY): RegistryEntry | undefined {
  return registry[network].entries.find((e) => e.scope === scope && e.source === source)
}

/** Renames that took effect inside [fromDay, toDay], for the chart markers and reports. */
export function definitionChanges(networks: readonly Network[], fromDay: DayString, toDay: DayString, registry = METRIC_REGISTRY): DefinitionChange[] {
  const out: DefinitionChange[] = []
  for (const network of networks) {
    for (const e of registry[network].entries) {
      if (e.scope !== 'channel' || e.validUntil === null) continue
      const day = nextDay(e.validUntil)
      if (day < fromDay || day > toDay) continue
      out.push({ network, metric: e.metric, day, from: e.source, to: e.replacedBy, note: e.note })
    }
  }
  return out.sort((a, b) => a.day.localeCompare(b.day) || a.network.localeCompare(b.network))
}

export function nextDay(day: DayString): DayString {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
}
