import { describe, expect, it, vi } from 'vitest'

type Listener = (payload: unknown) => void

describe('the window’s copy of channel pictures', () => {
  it('is read once for every avatar on every page, and again only after main says it changed', async () => {
    const heard = new Map<string, Listener[]>()
    let answer = [{ channelId: 'c1', dataUrl: 'data:a' }]
    const invoke = vi.fn(async () => ({ ok: true, data: answer }))
    const on = (event: string, listener: Listener) => {
      heard.set(event, [...(heard.get(event) ?? []), listener])
      return () => undefined
    }
    vi.stubGlobal('window', { relink: { invoke, on } })
    const { listenToPictures, pictureOf } = await import('./channel-pictures')
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

    // A page of avatars, then another page after it.
    const offs = [listenToPictures(() => undefined), listenToPictures(() => undefined)]
    await settle()
    expect(pictureOf('c1')).toBe('data:a')
    offs.forEach((off) => off())
    listenToPictures(() => undefined)()
    expect(invoke).toHaveBeenCalledTimes(1)

    // A change heard with no avatar on screen is read by the next one.
    answer = [{ channelId: 'c1', dataUrl: 'data:b' }]
    for (const listener of heard.get('channels:did-change-pictures') ?? []) listener({})
    expect(invoke).toHaveBeenCalledTimes(1)
    const off = listenToPictures(() => undefined)
    await settle()
    expect(invoke).toHaveBeenCalledTimes(2)
    expect(pictureOf('c1')).toBe('data:b')
    off()
    vi.unstubAllGlobals()
  })
})
