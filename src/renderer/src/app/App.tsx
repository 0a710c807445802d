import { useEffect } from 'react'
import { ToastProvider } from '../components/ToastProvider'
import { ConnectionOverlays } from '../features/connections/ConnectionOverlays'
import { ConnectionsProvider } from '../features/connections/ConnectionsProvider'
import { DeliveryOpenProvider } from '../features/schedule/DeliveryOpenProvider'
import { ScheduleOverlays } from '../features/schedule/release/ScheduleOverlays'
import { subscribe } from '../lib/api'
import { Header } from './Header'
import { NowProvider } from './NowProvider'
import { PageView } from './PageView'
import { isPageId, pageLabel } from './pages'
import { SettingsProvider } from './SettingsProvider'
import { Sidebar } from './Sidebar'
import { useCurrentPage } from './use-current-page'
import { focusMain, MAIN_ID, usePageFocus } from './use-page-focus'
import { usePageShortcuts } from './use-page-shortcuts'
import './app.css'

export function App() {
  const [page, navigate] = useCurrentPage()
  usePageShortcuts(navigate)
  usePageFocus(page)
  // A notification about a page (the new-comments summary opens the Inbox) brings it up.
  useEffect(
    () =>
      subscribe('app:did-request-open', (request) => {
        if (request.kind === 'app' && request.id && isPageId(request.id)) navigate(request.id)
      }),
    [navigate],
  )
  return (
    <SettingsProvider>
      <ToastProvider>
        <NowProvider>
          <ConnectionsProvider>
            <button type="button" className="skip-link" onClick={focusMain}>
              Skip to main content
            </button>
            <DeliveryOpenProvider onNavigate={navigate}>
              <div className="app">
                <Sidebar current={page} onNavigate={navigate} />
                <div className="app__body">
                  <Header title={pageLabel(page)} onNavigate={navigate} />
                  <main id={MAIN_ID} className="page" aria-label={pageLabel(page)} tabIndex={-1}>
                    <PageView page={page} onNavigate={navigate} />
                  </main>
                </div>
              </div>
            </DeliveryOpenProvider>
            <ConnectionOverlays onNavigate={navigate} />
            <ScheduleOverlays />
          </ConnectionsProvider>
        </NowProvider>
      </ToastProvider>
    </SettingsProvider>
  )
}
