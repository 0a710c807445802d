import { beforeEach, describe, expect, it } from 'vitest'
import type { DesktopNotification } from '../ports'
import { fakeElectron } from '../../../tests/fakes/electron'
import { createElectronNotifier } from './notifier'

const expired: DesktopNotification = {
  id: 'profile:p1:expired',
  title: 'Facebook connection expired',
  body: 'Refresh the connection for Ana Silva to keep 4 pages publishing.',
  target: { kind: 'profile', id: 'p1' },
}

beforeEach(() => fakeElectron.reset())

describe('createElectronNotifier', () => {
  it('shows a Notification with the title and body', () => {
    createElectronNotifier().show(expired)
    expect(fakeElectron.callsTo('Notification.new')).toEqual([[{ title: expired.title, body: expired.body }]])
    expect(fakeElectron.notifications[0]?.shown).toBe(true)
  })

  it('routes a click to every listener with the notification target', () => {
    const notifier = createElectronNotifier()
    const a: unknown[] = []
    const b: unknown[] = []
    notifier.onClick((target) => a.push(target))
    const stopB = notifier.onClick((target) => b.push(target))
    notifier.show(expired)
    fakeElectron.notifications[0]?.click()
    expect(a).toEqual([{ kind: 'profile', id: 'p1' }])
    expect(b).toEqual([{ kind: 'profile', id: 'p1' }])
    stopB()
    fakeElectron.notifications[0]?.click()
    expect(a).toHaveLength(2)
    expect(b).toHaveLength(1)
  })

  it('offers a button where the platform shows one, and the button opens the same target as a click', () => {
    const notifier = createElectronNotifier()
    const opened: unknown[] = []
    notifier.onClick((target) => opened.push(target))
    notifier.show({ id: 'delivery:failed:7', title: 'A post failed', body: 'X refused it.', target: { kind: 'delivery', id: '7' }, actionLabel: 'Fix it' })
    expect(fakeElectron.callsTo('Notification.new')).toEqual([[{ title: 'A post failed', body: 'X refused it.', actions: [{ type: 'button', text: 'Fix it' }] }]])
    fakeElectron.notifications[0]?.emit('action', {}, 0)
    expect(opened).toEqual([{ kind: 'delivery', id: '7' }])
  })

  it('replaces an earlier notification with the same id', () => {
    const notifier = createElectronNotifier()
    notifier.show(expired)
    notifier.show({ ...expired, body: 'Still expired.' })
    expect(fakeElectron.notifications.map((n) => n.closed)).toEqual([true, false])
    notifier.show({ ...expired, id: 'profile:p2:expired' })
    expect(fakeElectron.notifications.map((n) => n.closed)).toEqual([true, false, false])
  })

  it('does nothing where the platform has no notifications', () => {
    fakeElectron.notificationsSupported = false
    createElectronNotifier().show(expired)
    expect(fakeElectron.callsTo('Notification.new')).toEqual([])
  })
})
