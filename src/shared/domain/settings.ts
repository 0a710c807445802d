import * as z from 'zod'

const minutes = (max: number) => z.number().int().min(0).max(max)
const MONTH_MINUTES = 60 * 24 * 30

/** Field rules, without defaults, shared by the full schema and the patch schema. */
const fields = {
  notifications: {
    enabled: z.boolean(),
    /** Days before expiry to warn (one notification per profile per stage). */
    warnDaysBeforeExpiry: z.number().int().min(1).max(30),
    onExpired: z.boolean(),
    onPublishFailed: z.boolean(),
  },
  refreshLeadMinutes: {
    facebook: minutes(MONTH_MINUTES),
    instagram: minutes(MONTH_MINUTES),
    linkedin: minutes(MONTH_MINUTES),
    // X access tokens live two hours: a lead above one hour would refresh constantly.
    x: z.number().int().min(1).max(60),
    mastodon: minutes(MONTH_MINUTES),
  },
  scheduler: {
    /** Missed deliveries younger than this publish on their own after a restart or wake-up. */
    graceWindowMinutes: minutes(24 * 60),
  },
  inbox: {
    /** Who comments can be assigned to. */
    teamMembers: z.array(z.string().trim().min(1).max(60)).max(50),
    /** A summary of new comments as a desktop notification (off by default: it can be noisy). */
    newCommentsSummary: z.boolean(),
    /** Warn when a channel that usually gets comments goes quiet for days. */
    quietWarning: z.boolean(),
    /** Warn before LinkedIn stops serving what a broken sign-in missed (30 days after the break). */
    linkedinDeadline: z.boolean(),
  },
} as const

const DEFAULTS = {
  notifications: { enabled: true, warnDaysBeforeExpiry: 7, onExpired: true, onPublishFailed: true },
  // PROVIDERS.md: LinkedIn refreshes a week before day 60; Facebook warns 7 days ahead; X ~10 min.
  refreshLeadMinutes: { facebook: 10_080, instagram: 10_080, linkedin: 10_080, x: 10, mastodon: 0 },
  scheduler: { graceWindowMinutes: 15 },
  inbox: { teamMembers: [] as string[], newCommentsSummary: false, quietWarning: true, linkedinDeadline: true },
  theme: 'system',
  allowInsecureSecretStorage: false,
} as const

const withDefaults = <S extends Record<string, z.ZodType>>(shape: S, defaults: { [K in keyof S]: z.output<S[K]> }) =>
  z.strictObject(
    Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.default(defaults[k as keyof S])])) as {
      [K in keyof S]: z.ZodDefault<S[K]>
    },
  )

const themeSchema = z.enum(['system', 'light', 'dark'])

/**
 * Everything the Settings page edits, validated on every read and write. Defaults fill gaps so a
 * settings file from an older Relink keeps working.
 */
export const settingsSchema = z.strictObject({
  notifications: withDefaults(fields.notifications, DEFAULTS.notifications).prefault({}),
  refreshLeadMinutes: withDefaults(fields.refreshLeadMinutes, DEFAULTS.refreshLeadMinutes).prefault({}),
  scheduler: withDefaults(fields.scheduler, DEFAULTS.scheduler).prefault({}),
  inbox: withDefaults(fields.inbox, DEFAULTS.inbox).prefault({}),
  theme: themeSchema.default(DEFAULTS.theme),
  /** Linux only: store tokens even when only the `basic_text` backend is available. */
  allowInsecureSecretStorage: z.boolean().default(DEFAULTS.allowInsecureSecretStorage),
})

export type AppSettings = z.output<typeof settingsSchema>

/** A partial update, one level deep per section; absent keys keep their value. */
export const settingsPatchSchema = z.strictObject({
  notifications: z.strictObject(fields.notifications).partial().optional(),
  refreshLeadMinutes: z.strictObject(fields.refreshLeadMinutes).partial().optional(),
  scheduler: z.strictObject(fields.scheduler).partial().optional(),
  inbox: z.strictObject(fields.inbox).partial().optional(),
  theme: themeSchema.optional(),
  allowInsecureSecretStorage: z.boolean().optional(),
})
export type SettingsPatch = z.input<typeof settingsPatchSchema>

export const defaultSettings = (): AppSettings => settingsSchema.parse({})

/** Applies a validated patch to settings; the result is validated again by the caller's store. */
export function applySettingsPatch(current: AppSettings, patch: SettingsPatch): AppSettings {
  return {
    notifications: { ...current.notifications, ...patch.notifications },
    refreshLeadMinutes: { ...current.refreshLeadMinutes, ...patch.refreshLeadMinutes },
    scheduler: { ...current.scheduler, ...patch.scheduler },
    inbox: { ...current.inbox, ...patch.inbox },
    theme: patch.theme ?? current.theme,
    allowInsecureSecretStorage: patch.allowInsecureSecretStorage ?? current.allowInsecureSecretStorage,
  }
}
