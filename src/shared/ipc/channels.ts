// No imports on purpose: the sandboxed preload bundles this file as it is.

/** Every command the renderer may invoke, `area:verb-noun`. */
export const COMMANDS = [
  'app:get-info',
  'brands:list',
  'brands:create',
  'brands:update',
  'brands:delete',
  'brands:restore',
  'channels:list',
  'channels:set-brands',
  'settings:get',
  'settings:update',
] as const
export type CommandName = (typeof COMMANDS)[number]

/** Every event main may push to the renderer, `area:did-verb`. */
export const EVENTS = ['brands:did-change', 'channels:did-change', 'settings:did-change'] as const
export type EventName = (typeof EVENTS)[number]

export const isCommandName = (value: unknown): value is CommandName =>
  typeof value === 'string' && (COMMANDS as readonly string[]).includes(value)

export const isEventName = (value: unknown): value is EventName =>
  typeof value === 'string' && (EVENTS as readonly string[]).includes(value)
