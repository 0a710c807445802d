import { ErrorNotice } from '../../components/ErrorNotice'
import { Icon } from '../../components/Icon'
import { Loading } from '../../components/Loading'
import { useQuery } from '../../lib/use-query'
import { NetworkAppCard } from './NetworkAppCard'
import { SettingsSection } from './SettingsSection'

export function NetworksSection() {
  const apps = useQuery('networks:list-apps', undefined, [])
  const info = useQuery('app:get-info', undefined, [])
  return (
    <SettingsSection
      title="Networks"
      description="Your team’s own developer app on each network: what to create, which redirect URIs to register, and its credentials."
    >
      {info.data?.demoMode && (
        <p className="section-note">
          <Icon name="info" size={14} />
          Demo mode signs in on the sandbox network with its own apps, so nothing here is needed to try Relink. What you save is used
          when Relink runs against the real networks.
        </p>
      )}
      {apps.error && !apps.data && <ErrorNotice message={apps.error} onRetry={apps.reload} />}
      {!apps.data && !apps.error && <Loading label="Loading networks…" />}
      {apps.data && (
        <ul className="boxed-list network-apps" aria-label="Networks">
          {apps.data.map((app) => (
            <NetworkAppCard
              key={`${app.network}:${app.instance}`}
              app={app}
              onChanged={(next) => {
                if (next) apps.replace(apps.data?.map((a) => (a.network === next.network ? next : a)) ?? [next])
                else apps.reload()
              }}
            />
          ))}
        </ul>
      )}
    </SettingsSection>
  )
}
