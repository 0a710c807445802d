import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeElectron, type Menu as FakeMenu } from '../../../tests/fakes/electron'
import { installApplicationMenu, type ApplicationMenuOptions, type MenuAttention } from './menu'

function install(overrides: Partial<ApplicationMenuOptions> = {}, attention?: MenuAttention): { menu: FakeMenu; options: ApplicationMenuOptions } {
  const options: ApplicationMenuOptions = {
    isPackaged: true,
    platform: 'linux',
    onRefreshConnection: vi.fn(),
    onRefreshAllExpired: vi.fn(),
    onOpenAttention: vi.fn(),
    onRefreshProfile: vi.fn(),
    ...overrides,
  }
  installApplicationMenu(options, attention)
  const menu = fakeElectron.applicationMenu
  if (!menu) throw new Error('no application menu was set')
  return { menu, options }
}

const top = (menu: FakeMenu): string[] => menu.items.map((i) => i.label || `role:${i.role ?? ''}`)
const submenuRoles = (menu: FakeMenu, label: string): (string | undefined)[] => menu.find(label)?.submenu?.items.map((i) => i.role) ?? []

beforeEach(() => fakeElectron.reset())

describe('installApplicationMenu', () => {
  it('sets File, Edit, View, Connections and Window as the application menu', () => {
    const { menu } = install()
    expect(fakeElectron.callsTo('Menu.setApplicationMenu')).toHaveLength(1)
    expect(top(menu)).toEqual(['File', 'role:editMenu', 'View', 'Connections', 'role:windowMenu'])
  })

  it('calls the Connections callbacks', () => {
    const { menu, options } = install()
    expect(menu.find('Connections')?.submenu?.items.map((i) => i.label || i.type)).toEqual(['Needs attention…', 'separator', 'Refresh connection…', 'Refresh all expired'])
    menu.find('Refresh connection…')?.click()
    expect(options.onRefreshConnection).toHaveBeenCalledTimes(1)
    expect(options.onRefreshAllExpired).not.toHaveBeenCalled()
    menu.find('Refresh all expired')?.click()
    expect(options.onRefreshAllExpired).toHaveBeenCalledTimes(1)
  })

  it('follows the Needs attention list: its count, each broken profile to refresh and the waiting posts', () => {
    const { menu, options } = install({}, { brokenProfiles: [{ id: 'p1', label: 'Ana Silva (Facebook)' }], waitingPosts: 2 })
    expect(menu.find('Connections')?.submenu?.items.map((i) => i.label || i.type)).toEqual([
      'Needs attention (3)…',
      'Refresh connection: Ana Silva (Facebook)',
      '2 posts wait for a decision',
      'separator',
      'Refresh connection…',
      'Refresh all expired',
    ])
    menu.find('Refresh connection: Ana Silva (Facebook)')?.click()
    expect(options.onRefreshProfile).toHaveBeenCalledWith('p1')
    menu.find('Needs attention (3)…')?.click()
    menu.find('2 posts wait for a decision')?.click()
    expect(options.onOpenAttention).toHaveBeenCalledTimes(2)
    expect(options.onRefreshConnection).not.toHaveBeenCalled()
  })

  it('has no reload or developer tools in a packaged build', () => {
    const roles = submenuRoles(install({ isPackaged: true }).menu, 'View')
    expect(roles).not.toContain('reload')
    expect(roles).not.toContain('forceReload')
    expect(roles).not.toContain('toggleDevTools')
    expect(roles).toContain('resetZoom')
  })

  it('offers reload and developer tools while developing', () => {
    const roles = submenuRoles(install({ isPackaged: false }).menu, 'View')
    expect(roles).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']))
  })

  it('starts with the app menu on macOS and quits from File elsewhere', () => {
    expect(top(install({ platform: 'darwin' }).menu)[0]).toBe('role:appMenu')
    expect(submenuRoles(install({ platform: 'darwin' }).menu, 'File')).toEqual(['close'])
    expect(submenuRoles(install({ platform: 'win32' }).menu, 'File')).toEqual(['quit'])
  })
})
