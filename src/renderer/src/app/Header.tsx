import { AttentionMenu } from '../features/connections/AttentionMenu'
import type { Navigate } from './pages'

export function Header({ title, onNavigate }: { title: string; onNavigate: Navigate }) {
  return (
    <header className="header">
      <h1 className="header__title">{title}</h1>
      <div className="header__status">
        <AttentionMenu onNavigate={onNavigate} />
      </div>
    </header>
  )
}
