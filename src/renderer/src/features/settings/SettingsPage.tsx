import { useSettings } from '../../app/settings-context'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Loading } from '../../components/Loading'
import { AboutLine } from './AboutLine'
import { BrandsSection } from './BrandsSection'
import { DataSection } from './DataSection'
import { InboxSection } from './InboxSection'
import { NetworksSection } from './NetworksSection'
import { NotificationsSection } from './NotificationsSection'
import { PostingSlotsSection } from './PostingSlotsSection'
import { RefreshLeadSection } from './RefreshLeadSection'
import { SandboxSection } from './SandboxSection'
import { SchedulerSection } from './SchedulerSection'
import { SecuritySection } from './SecuritySection'
import { ThemeSection } from './ThemeSection'
import './settings.css'

export function SettingsPage() {
  const { settings, error, reload } = useSettings()
  return (
    <div className="settings-page">
      <BrandsSection />
      <PostingSlotsSection />
      <NetworksSection />
      <SandboxSection />
      {settings ? (
        <>
          <NotificationsSection notifications={settings.notifications} />
          <RefreshLeadSection leadMinutes={settings.refreshLeadMinutes} />
          <SchedulerSection scheduler={settings.scheduler} />
          <InboxSection inbox={settings.inbox} notificationsOn={settings.notifications.enabled} />
          <ThemeSection theme={settings.theme} />
          <SecuritySection allowInsecure={settings.allowInsecureSecretStorage} />
        </>
      ) : error ? (
        <ErrorNotice message={error} onRetry={reload} />
      ) : (
        <Loading label="Loading preferences…" />
      )}
      <DataSection />
      <AboutLine />
    </div>
  )
}
