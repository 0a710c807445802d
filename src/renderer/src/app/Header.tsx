import { HealthBadge } from './HealthBadge'

export function Header({ title }: { title: string }) {
  return (
    <header className="header">
      <h1 className="header__title">{title}</h1>
      <div className="header__status">
        <HealthBadge />
      </div>
    </header>
  )
}
