import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { inflateSync } from 'node:zlib'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { TrayLevel } from '../ports'
import { fakeElectron, type FakeNativeImage, type Tray as FakeTray } from '../../../tests/fakes/electron'
import { createTrayView, trayIconPath } from './tray'

const ICONS = join(import.meta.dirname, '..', '..', '..', 'resources')
const LEVELS: TrayLevel[] = ['healthy', 'expiring', 'broken']

function setup(): {
  tray: FakeTray
  onRefreshProfile: ReturnType<typeof vi.fn>
  onOpenAttention: ReturnType<typeof vi.fn>
  onOpen: ReturnType<typeof vi.fn>
  onQuit: ReturnType<typeof vi.fn>
  view: ReturnType<typeof createTrayView>
} {
  const onRefreshProfile = vi.fn()
  const onOpenAttention = vi.fn()
  const onOpen = vi.fn()
  const onQuit = vi.fn()
  const view = createTrayView({ iconDir: ICONS, onRefreshProfile, onOpenAttention, onOpen, onQuit })
  const tray = fakeElectron.trays[0]
  if (!tray) throw new Error('no tray was created')
  return { tray, onRefreshProfile, onOpenAttention, onOpen, onQuit, view }
}

const labels = (tray: FakeTray): string[] => tray.contextMenu?.items.map((i) => (i.type === 'separator' ? '---' : i.label)) ?? []
const iconPath = (tray: FakeTray): string => (tray.image as FakeNativeImage).source.value

beforeEach(() => fakeElectron.reset())

describe('createTrayView', () => {
  it('starts healthy with Open and Quit only', () => {
    const { tray } = setup()
    expect(iconPath(tray)).toBe(join(ICONS, 'tray-healthy.png'))
    expect(tray.tooltip).toBe('Relink')
    expect(labels(tray)).toEqual(['Open Relink', 'Quit'])
  })

  it.each(LEVELS)('shows the %s icon for that level', (level) => {
    const { tray, view } = setup()
    view.render({ level, tooltip: `Relink: ${level}`, brokenProfiles: [], waitingPosts: 0 })
    expect(iconPath(tray)).toBe(trayIconPath(ICONS, level))
    expect(iconPath(tray)).toBe(join(ICONS, `tray-${level}.png`))
    expect(tray.tooltip).toBe(`Relink: ${level}`)
  })

  it('lists one refresh item per broken profile, then a separator, Open and Quit', () => {
    const { tray, view, onRefreshProfile } = setup()
    view.render({
      level: 'broken',
      tooltip: '2 connections need attention',
      brokenProfiles: [
        { id: 'p1', label: 'Ana Silva (Facebook)' },
        { id: 'p2', label: '@relink (X)' },
      ],
      waitingPosts: 0,
    })
    expect(labels(tray)).toEqual(['Refresh connection: Ana Silva (Facebook)', 'Refresh connection: @relink (X)', '---', 'Open Relink', 'Quit'])
    tray.contextMenu?.items[1]?.click()
    expect(onRefreshProfile).toHaveBeenCalledExactlyOnceWith('p2')
  })

  it('follows the Needs attention list: broken connections, then the posts waiting for a decision, which open the list', () => {
    const { tray, view, onOpenAttention } = setup()
    view.render({ level: 'broken', tooltip: 'Relink: 3 need attention', brokenProfiles: [{ id: 'p1', label: 'Ana Silva (Facebook)' }], waitingPosts: 2 })
    expect(labels(tray)).toEqual(['Refresh connection: Ana Silva (Facebook)', '2 posts wait for a decision', '---', 'Open Relink', 'Quit'])
    tray.contextMenu?.find('2 posts wait for a decision')?.click()
    expect(onOpenAttention).toHaveBeenCalledTimes(1)
    view.render({ level: 'expiring', tooltip: 'Relink: 1 needs attention', brokenProfiles: [], waitingPosts: 1 })
    expect(labels(tray)).toEqual(['1 post waits for a decision', '---', 'Open Relink', 'Quit'])
    view.render({ level: 'healthy', tooltip: 'Relink: All channels healthy', brokenProfiles: [], waitingPosts: 0 })
    expect(labels(tray)).toEqual(['Open Relink', 'Quit'])
  })

  it('routes Open Relink, Quit and a click on the icon', () => {
    const { tray, onOpen, onQuit } = setup()
    tray.contextMenu?.find('Open Relink')?.click()
    expect(onOpen).toHaveBeenCalledTimes(1)
    tray.emit('click')
    expect(onOpen).toHaveBeenCalledTimes(2)
    tray.contextMenu?.find('Quit')?.click()
    expect(onQuit).toHaveBeenCalledTimes(1)
  })

  it('loads each icon file once', () => {
    const { view } = setup()
    for (let i = 0; i < 3; i++) for (const level of LEVELS) view.render({ level, tooltip: '', brokenProfiles: [], waitingPosts: 0 })
    expect(fakeElectron.callsTo('nativeImage.createFromPath').map(([p]) => p)).toEqual(LEVELS.map((l) => join(ICONS, `tray-${l}.png`)))
  })

  it('destroys the tray', () => {
    const { tray, view } = setup()
    view.destroy()
    expect(tray.destroyed).toBe(true)
  })
})

describe('tray icon files', () => {
  /** Decodes the pixel at the centre of a non-interlaced 8-bit RGBA PNG without filters beyond None. */
  function inspect(file: string): { width: number; height: number; centre: number[]; corner: number[] } {
    const png = readFileSync(file)
    expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]))
    const width = png.readUInt32BE(16)
    const height = png.readUInt32BE(20)
    expect([png[24], png[25]]).toEqual([8, 6]) // 8-bit RGBA
    const chunks: Buffer[] = []
    for (let at = 8; at < png.length; ) {
      const length = png.readUInt32BE(at)
      if (png.toString('latin1', at + 4, at + 8) === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + length))
      at += 12 + length
    }
    const raw = inflateSync(Buffer.concat(chunks))
    const stride = 1 + width * 4
    const pixel = (x: number, y: number): number[] => {
      expect(raw[y * stride]).toBe(0) // filter type None
      return [...raw.subarray(y * stride + 1 + x * 4, y * stride + 1 + x * 4 + 4)]
    }
    return { width, height, centre: pixel(8, 8), corner: pixel(0, 0) }
  }

  it.each([
    ['healthy', 'green'],
    ['expiring', 'amber'],
    ['broken', 'red'],
  ] as const)('tray-%s.png is a 16x16 %s dot on transparency', (level, colour) => {
    const { width, height, centre, corner } = inspect(trayIconPath(ICONS, level))
    expect([width, height]).toEqual([16, 16])
    expect(corner[3]).toBe(0)
    const [r = 0, g = 0, b = 0, a = 0] = centre
    expect(a).toBe(255)
    if (colour === 'green') expect(g).toBeGreaterThan(Math.max(r, b))
    if (colour === 'red') expect(r).toBeGreaterThan(Math.max(g, b) * 2)
    if (colour === 'amber') expect(r > g && g > b && g > 100).toBe(true)
  })
})
