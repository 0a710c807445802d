import { AttentionMenu } from '../features/connections/AttentionMenu'
import type { Navigate } from './pages'
import { PAGE_TITLE_ID } from './use-page-focus'

export function Header({ title, onNavigate }: { title: string; onNavigate: Navigate }) {
  return (
    <header className="header">
      <h1 id={PAGE_TITLE_ID} className="header__title" tabIndex={-1}>{title}</h1>
      <div className="header__status">
        <AttentionMenu onNavigate={onNavigate} />
      </div>
    </header>
  )
}
