import type { IconName } from '../components/Icon'

export const PAGES = [
  { id: 'channels', label: 'Channels', icon: 'channels' },
  { id: 'health', label: 'Connection health', icon: 'pulse' },
  { id: 'schedule', label: 'Schedule', icon: 'schedule' },
  { id: 'inbox', label: 'Inbox', icon: 'inbox' },
  { id: 'analytics', label: 'Analytics', icon: 'analytics' },
  { id: 'settings', label: 'Settings', icon: 'settings' },
] as const satisfies readonly { id: string; label: string; icon: IconName }[]

export type PageId = (typeof PAGES)[number]['id']

export type Navigate = (page: PageId) => void

export const isPageId = (value: string): value is PageId => PAGES.some((p) => p.id === value)

export const pageLabel = (id: PageId): string => PAGES.find((p) => p.id === id)?.label ?? ''
