import { ToastProvider } from '../components/ToastProvider'
import { Header } from './Header'
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
        <div className="app">
          <Sidebar current={page} onNavigate={navigate} />
          <div className="app__body">
            <Header title={pageLabel(page)} />
            <main className="page" aria-label={pageLabel(page)}>
              <PageView page={page} onNavigate={navigate} />
            </main>
          </div>
        </div>
      </ToastProvider>
    </SettingsProvider>
  )
}
