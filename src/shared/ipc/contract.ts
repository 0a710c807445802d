import * as z from 'zod'
import type { AppInfo, Brand, BrandSnapshot, ChannelSummary } from '../domain/entities'
import { settingsPatchSchema, type AppSettings } from '../domain/settings'
import type { Result } from '../errors'
import type { CommandName, EventName } from './channels'

/** Fails to compile unless T has an entry for every key in K and nothing else. */
type Covering<K extends PropertyKey, T extends Record<K, unknown> & Record<Exclude<keyof T, K>, never>> = T

const id = z.string().trim().min(1).max(100)
const brandName = z.string().trim().min(1, 'Give the brand a name.').max(80, 'Brand names are at most 80 characters.')
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Colours are hex values like #3b82f6.')

/** Input schemas. Main parses with these before any service runs; unknown keys are rejected. */
export const commandInputs = {
  'app:get-info': z.undefined(),
  'brands:list': z.undefined(),
  'brands:create': z.strictObject({ name: brandName, color: color.optional() }),
  'brands:update': z.strictObject({ id, name: brandName.optional(), color: color.optional() }),
  'brands:delete': z.strictObject({ id }),
  'brands:restore': z.strictObject({
    snapshot: z.strictObject({
      id,
      name: brandName,
      color,
      createdAt: z.number().int().nonnegative(),
      channelIds: z.array(id).max(100_000),
    }),
  }),
  'channels:list': z.strictObject({ brandId: id.optional() }).optional(),
  'channels:set-brands': z.strictObject({ channelId: id, brandIds: z.array(id).max(1_000) }),
  'settings:get': z.undefined(),
  'settings:update': settingsPatchSchema,
} satisfies Record<CommandName, z.ZodType>

export type CommandInput<K extends CommandName> = z.input<(typeof commandInputs)[K]>
export type CommandArgs<K extends CommandName> = z.output<(typeof commandInputs)[K]>

export type CommandOutputs = Covering<
  CommandName,
  {
    'app:get-info': AppInfo
    'brands:list': Brand[]
    'brands:create': Brand
    'brands:update': Brand
    'brands:delete': BrandSnapshot
    'brands:restore': Brand
    'channels:list': ChannelSummary[]
    'channels:set-brands': ChannelSummary
    'settings:get': AppSettings
    'settings:update': AppSettings
  }
>

export type EventPayloads = Covering<
  EventName,
  {
    'brands:did-change': { brandIds: string[] }
    'channels:did-change': { channelIds: string[] }
    'settings:did-change': AppSettings
  }
>

/** Commands whose input may be left out entirely. */
type OptionalInput<K extends CommandName> = undefined extends CommandInput<K> ? K : never

/** All of `window.relink`. The preload implements it; the renderer sees nothing else. */
export interface RelinkApi {
  invoke<K extends CommandName>(
    name: K,
    ...input: K extends OptionalInput<K> ? [input?: CommandInput<K>] : [input: CommandInput<K>]
  ): Promise<Result<CommandOutputs[K]>>
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void
}
