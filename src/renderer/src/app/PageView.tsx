import { AnalyticsPage } from '../features/analytics/AnalyticsPage'
import { ChannelsPage } from '../features/channels/ChannelsPage'
import { HealthPage } from '../features/connections/HealthPage'
import { InboxPage } from '../features/inbox/InboxPage'
import { SchedulePage } from '../features/schedule/SchedulePage'
import { SettingsPage } from '../features/settings/SettingsPage'
import type { Navigate, PageId } from './pages'

export function PageView({ page, onNavigate }: { page: PageId; onNavigate: Navigate }) {
  switch (page) {
    case 'channels':
      return <ChannelsPage onNavigate={onNavigate} />
    case 'health':
      return <HealthPage onNavigate={onNavigate} />
    case 'schedule':
      return <SchedulePage onNavigate={onNavigate} />
    case 'inbox':
      return <InboxPage onNavigate={onNavigate} />
    case 'analytics':
      return <AnalyticsPage onNavigate={onNavigate} />
    case 'settings':
      return <SettingsPage />
  }
}
