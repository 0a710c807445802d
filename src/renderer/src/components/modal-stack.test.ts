import { describe, expect, it, vi } from 'vitest'
import { modalClosed, modalOpened, subscribeModals, topModal } from './modal-stack'

const dialog = (name: string): HTMLDialogElement => ({ id: name }) as unknown as HTMLDialogElement

describe('modal stack', () => {
  it('keeps the newest open dialog on top and falls back to the one beneath when it closes', () => {
    const composer = dialog('composer')
    const confirm = dialog('confirm')
    expect(topModal()).toBeNull()
    modalOpened(composer)
    modalOpened(confirm)
    expect(topModal()).toBe(confirm)
    modalClosed(confirm)
    expect(topModal()).toBe(composer)
    modalClosed(composer)
    expect(topModal()).toBeNull()
  })

  it('closes a dialog beneath the top one without moving the top one', () => {
    const lower = dialog('lower')
    const upper = dialog('upper')
    modalOpened(lower)
    modalOpened(upper)
    modalClosed(lower)
    expect(topModal()).toBe(upper)
    modalClosed(upper)
    expect(topModal()).toBeNull()
  })

  it('tells listeners of every change, ignores a dialog it never saw open, and stops telling after unsubscribing', () => {
    const listener = vi.fn()
    const stop = subscribeModals(listener)
    const one = dialog('one')
    modalOpened(one)
    modalClosed(dialog('stranger'))
    modalClosed(one)
    modalClosed(one)
    expect(listener).toHaveBeenCalledTimes(2)
    stop()
    modalOpened(one)
    expect(listener).toHaveBeenCalledTimes(2)
    modalClosed(one)
  })
})
