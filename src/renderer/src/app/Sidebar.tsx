import { ATTENTION_WORDS } from '../../../shared/domain/health-voice'
import { Icon } from '../components/Icon'
import { isBrokenHealth } from '../../../shared/domain/health'
import { useConnections } from '../features/connections/connections-context'
import { PAGES, type Navigate, type PageId } from './pages'

export function Sidebar({ current, onNavigate }: { current: PageId; onNavigate: Navigate }) {
  const { attention: profiles } = useConnections()
  const attention = profiles.length
  const broken = profiles.some((p) => isBrokenHealth(p.health))
  return (
    <aside className="sidebar">
      <div className="sidebar__brand">
        <span className="sidebar__logo" aria-hidden="true">
          <Icon name="channels" size={16} />
        </span>
        <span className="sidebar__name">Relink</span>
      </div>
      <nav className="sidebar__nav" aria-label="Main">
        <ul>
          {PAGES.map((page, index) => {
            const active = page.id === current
            const digit = index + 1
            const count = page.id === 'health' ? attention : 0
            return (
              <li key={page.id}>
                <button
                  type="button"
                  className={count > 0 ? 'nav-item nav-item--counted' : 'nav-item'}
                  aria-current={active ? 'page' : undefined}
                  aria-keyshortcuts={`Alt+${digit} Control+${digit}`}
                  title={`${page.label} (Alt+${digit})`}
                  onClick={() => onNavigate(page.id)}
                >
                  <Icon name={page.icon} className="nav-item__icon" />
                  <span className="nav-item__label">{page.label}</span>
                  {count > 0 && (
                    <span className={broken ? 'nav-item__count' : 'nav-item__count nav-item__count--warn'}>
                      <span aria-hidden="true">{count}</span>
                      <span className="visually-hidden">{ATTENTION_WORDS.count(count)}</span>
                    </span>
                  )}
                  <kbd className="nav-item__shortcut" aria-hidden="true">
                    {digit}
                  </kbd>
                </button>
              </li>
            )
          })}
        </ul>
      </nav>
    </aside>
  )
}
