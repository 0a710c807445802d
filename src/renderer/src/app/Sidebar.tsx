import { useState } from 'react'
import { ATTENTION_WORDS } from '../../../shared/domain/health-voice'
import { Icon } from '../components/Icon'
import { isBrokenHealth } from '../../../shared/domain/health'
import { useConnections } from '../features/connections/connections-context'
import { useQuery } from '../lib/use-query'
import { PAGES, type Navigate, type PageId } from './pages'

/**
 * The page list. Below 1000 px it narrows to a rail of icons (labels stay in the accessible name
 * and the tooltip); the menu button opens it over the page, and choosing a page or Escape closes it.
 */
export function Sidebar({ current, onNavigate }: { current: PageId; onNavigate: Navigate }) {
  const { attention: profiles } = useConnections()
  const [open, setOpen] = useState(false)
  const attention = profiles.length
  const broken = profiles.some((p) => isBrokenHealth(p.health))
  const unread = useQuery('inbox:get-counts', undefined, ['inbox:did-change', 'sync:did-change']).data?.unread ?? 0
  return (
    <>
      {open && <div className="sidebar-scrim" aria-hidden="true" onClick={() => setOpen(false)} />}
      <aside
        className={open ? 'sidebar sidebar--open' : 'sidebar'}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open) {
            e.stopPropagation()
            setOpen(false)
          }
        }}
      >
        <div className="sidebar__brand">
          <span className="sidebar__logo" aria-hidden="true">
            <Icon name="channels" size={16} />
          </span>
          <span className="sidebar__name">Relink</span>
          <button
            type="button"
            className="sidebar__toggle"
            aria-expanded={open}
            aria-label={open ? 'Close menu' : 'Open menu'}
            title={open ? 'Close menu' : 'Open menu'}
            onClick={() => setOpen(!open)}
          >
            <Icon name={open ? 'sidebarClose' : 'menu'} />
          </button>
        </div>
        <nav className="sidebar__nav" aria-label="Main">
          <ul>
            {PAGES.map((page, index) => {
              const active = page.id === current
              const digit = index + 1
              const count = page.id === 'health' ? attention : page.id === 'inbox' ? unread : 0
              const countClass = page.id === 'inbox' ? 'nav-item__count nav-item__count--info' : broken ? 'nav-item__count' : 'nav-item__count nav-item__count--warn'
              return (
                <li key={page.id}>
                  <button
                    type="button"
                    className={count > 0 ? 'nav-item nav-item--counted' : 'nav-item'}
                    aria-current={active ? 'page' : undefined}
                    aria-keyshortcuts={`Alt+${digit} Control+${digit}`}
                    title={`${page.label} (Alt+${digit})`}
                    onClick={() => {
                      setOpen(false)
                      onNavigate(page.id)
                    }}
                  >
                    <Icon name={page.icon} className="nav-item__icon" />
                    <span className="nav-item__label">{page.label}</span>
                    {count > 0 && (
                      <span className={countClass}>
                        <span aria-hidden="true">{count > 999 ? '999+' : count}</span>
                        <span className="visually-hidden">{page.id === 'inbox' ? `${count} unread` : ATTENTION_WORDS.count(count)}</span>
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
    </>
  )
}
