import type { Network } from '../../../../shared/domain/network'

export interface Bounds {
  min: number
  max: number
}

const MONTH_MINUTES = 60 * 24 * 30

/**
 * The ranges `settingsSchema` enforces in main, repeated here only to word the inline message and
 * set the inputs' min/max; main stays the judge. `setting-limits.test.ts` fails if they drift.
 */
export const SETTING_LIMITS = {
  warnDaysBeforeExpiry: { min: 1, max: 30 },
  refreshLeadMinutes: {
    facebook: { min: 0, max: MONTH_MINUTES },
    instagram: { min: 0, max: MONTH_MINUTES },
    linkedin: { min: 0, max: MONTH_MINUTES },
    x: { min: 1, max: 60 },
    mastodon: { min: 0, max: MONTH_MINUTES },
  } satisfies Record<Network, Bounds>,
  graceWindowMinutes: { min: 0, max: 24 * 60 },
} as const
