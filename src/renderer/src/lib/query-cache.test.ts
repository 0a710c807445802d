import { describe, expect, it } from 'vitest'
import { createQueryCache } from './query-cache'

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
