import { describe, expect, it } from 'vitest'
import { createQueryCache, MAX_AGE_MS } from './query-cache'

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

describe('the window query cache', () => {
  it('gives readers of one question the request already in flight', async () => {
    const cache = createQueryCache()
    const answer = deferred<string[]>()
    let asked = 0
    const ask = () => {
      asked++
      return answer.promise
    }
    const first = cache.read('brands:list', 'null', ask)
    const second = cache.read('brands:list', 'null', ask)
    answer.resolve(['a'])
    expect(await first).toEqual(['a'])
    expect(await second).toEqual(['a'])
    expect(asked).toBe(1)
    expect(cache.peek('brands:list', 'null')).toEqual({ data: ['a'] })
  })

  it('asks again for a reader whose data changed after the request in flight started', async () => {
    const cache = createQueryCache()
    const answers = [deferred<string>(), deferred<string>()]
    let asked = 0
    const ask = () => (answers[asked++] as ReturnType<typeof deferred<string>>).promise
    const stale = cache.read('brands:list', 'null', ask)
    const changed = cache.ticket()
    const fresh = cache.read('brands:list', 'null', ask, changed)
    const joined = cache.read('brands:list', 'null', ask, changed)
    answers[1]?.resolve('new')
    answers[0]?.resolve('old')
    expect(await stale).toBe('old')
    expect(await fresh).toBe('new')
    expect(await joined).toBe('new')
    expect(asked).toBe(2)
    // The older answer arriving last does not replace the newer one.
    expect(cache.peek('brands:list', 'null')).toEqual({ data: 'new' })
  })

  it('keeps questions apart by input and forgets the oldest beyond its size', async () => {
    const cache = createQueryCache(2)
    await cache.read('channels:list', '{"brandId":"a"}', async () => 'a')
    await cache.read('channels:list', '{"brandId":"b"}', async () => 'b')
    await cache.read('channels:list', '{"brandId":"c"}', async () => 'c')
    expect(cache.peek('channels:list', '{"brandId":"a"}')).toBeUndefined()
    expect(cache.peek('channels:list', '{"brandId":"c"}')).toEqual({ data: 'c' })
  })

  it('remembers nothing from a failed request and lets the next reader ask again', async () => {
    const cache = createQueryCache()
    await expect(cache.read('brands:list', 'null', () => Promise.reject(new Error('locked')))).rejects.toThrow('locked')
    expect(cache.peek('brands:list', 'null')).toBeUndefined()
    expect(await cache.read('brands:list', 'null', async () => 'ok')).toBe('ok')
  })
})

describe('a command\'s own answer', () => {
  it('replaces the cached answer, so a page opened again shows what was just saved', async () => {
    const cache = createQueryCache()
    await cache.read('settings:get', 'null', async () => ({ theme: 'system' }))
    cache.put('settings:get', 'null', { theme: 'dark' })
    expect(cache.peek('settings:get', 'null')).toEqual({ data: { theme: 'dark' } })
  })
})

describe('an answer read again', () => {
  it('is the object readers already have when main says the same, so nothing renders again', async () => {
    const cache = createQueryCache()
    const first = (await cache.read('brands:list', 'null', () => Promise.resolve([{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }]))) as unknown[]
    const same = await cache.read('brands:list', 'null', () => Promise.resolve([{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }]))
    expect(same).toBe(first)
    const changed = (await cache.read('brands:list', 'null', () => Promise.resolve([{ id: 'a', name: 'A' }, { id: 'b', name: 'Bee' }]))) as unknown[]
    expect(changed).not.toBe(first)
    expect(changed[0]).toBe(first[0])
    expect(cache.peek('brands:list', 'null')?.data).toBe(changed)
  })
})

describe('an answer that still stands', () => {
  const events = ['channels:did-change', 'brands:did-change'] as const

  it('is shown without asking again while none of its events was heard since it was asked', async () => {
    let now = 1_000
    const cache = createQueryCache(64, () => now)
    for (const event of events) cache.listen(event)
    await cache.read('channels:list', 'null', async () => ['c1'])
    expect(cache.current('channels:list', 'null', events, 0, now)).toEqual({ data: ['c1'] })
    // One of its events makes it stale; the next answer stands again.
    cache.heard('brands:did-change')
    expect(cache.current('channels:list', 'null', events, 0, now)).toBeUndefined()
    await cache.read('channels:list', 'null', async () => ['c1', 'c2'])
    expect(cache.current('channels:list', 'null', events, 0, now)).toEqual({ data: ['c1', 'c2'] })
    // An event of other questions does not.
    cache.heard('inbox:did-change')
    expect(cache.current('channels:list', 'null', events, 0, now)).toEqual({ data: ['c1', 'c2'] })
    // Nor does it stand past its age, or for a reader that asked to read again after it.
    now += MAX_AGE_MS + 1
    expect(cache.current('channels:list', 'null', events, 0, now)).toBeUndefined()
    expect(cache.current('channels:list', 'null', events, cache.ticket(), 1_000)).toBeUndefined()
  })

  it('never stands unless the cache heard each of its events from before it was asked, nor for a question with no events', async () => {
    const cache = createQueryCache(64, () => 0)
    cache.listen('channels:did-change')
    await cache.read('channels:list', 'null', async () => ['c1'])
    cache.listen('brands:did-change')
    expect(cache.current('channels:list', 'null', events, 0, 0)).toBeUndefined()
    expect(cache.current('channels:list', 'null', ['channels:did-change'], 0, 0)).toEqual({ data: ['c1'] })
    await cache.read('app:get-info', 'null', async () => ({ version: '1' }))
    expect(cache.current('app:get-info', 'null', [], 0, 0)).toBeUndefined()
  })

  it('is not an answer whose request was still in flight when one of its events was heard', async () => {
    const cache = createQueryCache(64, () => 0)
    cache.listen('channels:did-change')
    const answer = deferred<string[]>()
    const read = cache.read('channels:list', 'null', () => answer.promise)
    cache.heard('channels:did-change')
    answer.resolve(['old'])
    await read
    expect(cache.current('channels:list', 'null', ['channels:did-change'], 0, 0)).toBeUndefined()
  })
})
