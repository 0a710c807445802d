import { ToastProvider } from '../components/ToastProvider'
import { ConnectionOverlays } from '../features/connections/ConnectionOverlays'
import { ConnectionsProvider } from '../features/connections/ConnectionsProvider'
import { DeliveryOpenProvider } from '../features/schedule/DeliveryOpenProvider'
import { ScheduleOverlays } from '../features/schedule/release/ScheduleOverlays'
import { Header } from './Header'
import { NowProvider } from './NowProvider'
import { PageView } from './PageView'
import { pageLabel } from './pages'
import { SettingsProvider } from './SettingsProvider'
import { Sidebar } from './Sidebar'
import { useCurrentPage } from './use-current-page'
import { usePageShortcuts } from './use-page-shortcuts'
import './app.css'

export function App() {
  const [page, navigate] = useCurrentPage()
  usePageShortcuts(navigate)
  return (
    <SettingsProvider>
      <ToastProvider>
        <NowProvider>
          <ConnectionsProvider>
            <div className="app">
              <Sidebar current={page} onNavigate={navigate} />
              <div className="app__body">
                <Header title={pageLabel(page)} onNavigate={navigate} />
                <main className="page" aria-label={pageLabel(page)}>
                  <DeliveryOpenProvider onNavigate={navigate}>
                    <PageView page={page} onNavigate={navigate} />
                  </DeliveryOpenProvider>
                </main>
              </div>
            </div>
            <ConnectionOverlays onNavigate={navigate} />
            <ScheduleOverlays />
          </ConnectionsProvider>
        </NowProvider>
      </ToastProvider>
    </SettingsProvider>
  )
}
