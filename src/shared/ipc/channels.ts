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
  'channels:list-links',
  'channels:set-brands',
  'channels:remove',
  'settings:get',
  'settings:update',
  'connections:list-profiles',
  'connections:get-profile',
  'connections:start-connect',
  'connections:cancel-connect',
  'connections:finish-connect',
  'connections:refresh-profile',
  'connections:refresh-all-expired',
  'connections:check-now',
  'connections:remove-profile',
  'networks:list-apps',
  'networks:save-app',
  'networks:remove-app',
  'sandbox:get-state',
  'sandbox:apply-control',
  'schedule:pick-image',
  'schedule:get-image',
  'schedule:check-content',
  'schedule:create-post',
  'schedule:update-post',
  'schedule:duplicate-post',
  'schedule:cancel-post',
  'schedule:get-post',
  'schedule:get-delivery',
  'schedule:list-deliveries',
  'schedule:list-days',
  'schedule:list-drafts',
  'schedule:list-held',
  'schedule:release-held',
  'schedule:resolve-delivery',
  'schedule:list-at-risk',
  'sync:get-health',
  'sync:sync-now',
  'sync:list-gaps',
  'analytics:get-dashboard',
  'reports:export',
  'data:list-backups',
  'data:back-up-now',
  'data:restore-backup',
  'reports:export-health',
  'reports:list-schedules',
  'reports:create-schedule',
  'reports:update-schedule',
  'reports:delete-schedule',
  'reports:restore-schedule',
  'reports:run-schedule',
] as const
export type CommandName = (typeof COMMANDS)[number]

/** Every event main may push to the renderer, `area:did-verb`. */
export const EVENTS = [
  'brands:did-change',
  'channels:did-change',
  'settings:did-change',
  'connections:did-change-health',
  'connections:did-reconnect',
  'connections:did-progress',
  'app:did-request-open',
  'schedule:did-change',
  'schedule:did-find-held',
  'sync:did-change',
  'sync:did-progress',
  'reports:did-change',
  'inbox:did-change',
] as const
export type EventName = (typeof EVENTS)[number]

export const isCommandName = (value: unknown): value is CommandName =>
  typeof value === 'string' && (COMMANDS as readonly string[]).includes(value)

export const isEventName = (value: unknown): value is EventName =>
  typeof value === 'string' && (EVENTS as readonly string[]).includes(value)
