import { describe, expect, it } from 'vitest'
import { NETWORKS } from '../../../../shared/domain/network'
import { settingsPatchSchema, type SettingsPatch } from '../../../../shared/domain/settings'
import { SETTING_LIMITS, type Bounds } from './setting-limits'

function expectBounds(bounds: Bounds, patchFor: (value: number) => SettingsPatch): void {
  expect(settingsPatchSchema.safeParse(patchFor(bounds.min)).success).toBe(true)
  expect(settingsPatchSchema.safeParse(patchFor(bounds.max)).success).toBe(true)
  expect(settingsPatchSchema.safeParse(patchFor(bounds.min - 1)).success).toBe(false)
  expect(settingsPatchSchema.safeParse(patchFor(bounds.max + 1)).success).toBe(false)
}

describe('settings page limits', () => {
  it('match the schema main validates with', () => {
    expectBounds(SETTING_LIMITS.warnDaysBeforeExpiry, (v) => ({ notifications: { warnDaysBeforeExpiry: v } }))
    expectBounds(SETTING_LIMITS.graceWindowMinutes, (v) => ({ scheduler: { graceWindowMinutes: v } }))
    for (const network of NETWORKS) {
      expectBounds(SETTING_LIMITS.refreshLeadMinutes[network], (v) => ({ refreshLeadMinutes: { [network]: v } }))
    }
  })
})
