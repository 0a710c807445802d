import type { DayString, RelinkMetric } from '../../shared/domain/analytics'

/**
 * One network metric in the metric registry (wave2-anchors §8.12): what it means in Relink's
 * terms and when the network served it under this name. Kept as data beside each adapter.
 */
export interface RegistryEntry {
  /** The name the adapter reports: the network's own for the Graph API, the adapter's field name elsewhere. */
  source: string
  metric: RelinkMetric
  scope: 'channel' | 'post'
  /** First day the network served it (null: before Relink's time). */
  validFrom: DayString | null
  /** Last day the network served it under this name (null: still served). */
  validUntil: DayString | null
  /** The name that took over on the day after `validUntil`. */
  replacedBy: string | null
  /** What changed, in plain words, for the chart marker and the report. */
  note: string
}

/** A network's registry, and whether its API takes a list of metric names (asked in small groups, bisected on refusal). */
export interface NetworkRegistry {
  entries: readonly RegistryEntry[]
  metricList: boolean
}
