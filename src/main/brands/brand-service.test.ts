import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFakeClock } from '../../../tests/fakes/clock'
import { openDatabase, type RelinkDatabase } from '../db/client'
import { createBrandRepository } from '../db/repositories/brand-repository'
import { cryptoIds } from '../platform/crypto-ids'
import { createEventBus } from '../events'
import { BRAND_PALETTE, createBrandService } from './brand-service'

let database: RelinkDatabase
let service: ReturnType<typeof createBrandService>
let emitted: string[][]
const clock = createFakeClock()

beforeEach(() => {
  database = openDatabase(':memory:', { nowMs: clock.now() })
  const events = createEventBus((err) => {
    throw err
  })
  emitted = []
  events.subscribe((event, payload) => {
    if (event === 'brands:did-change') emitted.push((payload as { brandIds: string[] }).brandIds)
  })
  service = createBrandService({ brands: createBrandRepository(database.db, cryptoIds), clock, events })
})
afterEach(() => database.close())

async function addChannel(id: string) {
  await database.db.insertInto('channels').values({ id, network: 'x', instance: '', network_channel_id: id, kind: 'account', name: id, handle: '', created_at: 0 }).execute()
}

describe('brand service', () => {
  it('creates brands with palette colours in turn and lists them by name', async () => {
    const b = await service.create({ name: 'Zeta' })
    const a = await service.create({ name: 'Alpha', color: '#123456' })
    expect(b.color).toBe(BRAND_PALETTE[0])
    expect(a.color).toBe('#123456')
    expect((await service.list()).map((x) => x.name)).toEqual(['Alpha', 'Zeta'])
    expect(b.createdAt).toBe(clock.now())
    expect(emitted).toEqual([[b.id], [a.id]])
  })

  it('refuses a duplicate name in any case with a plain conflict', async () => {
    await service.create({ name: 'Acme' })
    await expect(service.create({ name: 'ACME' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/already exists/) })
  })

  it('renames, but not onto another brand’s name', async () => {
    const acme = await service.create({ name: 'Acme' })
    await service.create({ name: 'Globex' })
    expect((await service.update({ id: acme.id, name: 'Acme Corp' })).name).toBe('Acme Corp')
    expect((await service.update({ id: acme.id, name: 'acme corp' })).name).toBe('acme corp')
    await expect(service.update({ id: acme.id, name: 'Globex' })).rejects.toMatchObject({ code: 'conflict' })
    await expect(service.update({ id: 'missing', name: 'X' })).rejects.toMatchObject({ code: 'not_found' })
  })

  it('deletes a brand and restores it with its channel memberships (undo)', async () => {
    const acme = await service.create({ name: 'Acme' })
    await addChannel('c1')
    await addChannel('c2')
    await database.db.insertInto('brand_channels').values([{ brand_id: acme.id, channel_id: 'c1' }, { brand_id: acme.id, channel_id: 'c2' }]).execute()
    const snapshot = await service.delete({ id: acme.id })
    expect(snapshot.channelIds.sort()).toEqual(['c1', 'c2'])
    expect(await service.list()).toEqual([])
    // A channel removed meanwhile must not break the undo.
    await database.db.deleteFrom('channels').where('id', '=', 'c2').execute()
    const restored = await service.restore({ snapshot })
    expect(restored).toMatchObject({ id: acme.id, name: 'Acme', channelCount: 1 })
    await expect(service.restore({ snapshot })).rejects.toMatchObject({ code: 'conflict' })
  })

  it('refuses to restore over a brand that took the name meanwhile', async () => {
    const acme = await service.create({ name: 'Acme' })
    const snapshot = await service.delete({ id: acme.id })
    await service.create({ name: 'acme' })
    await expect(service.restore({ snapshot })).rejects.toMatchObject({ code: 'conflict' })
  })

  it('reports a missing brand on delete', async () => {
    await expect(service.delete({ id: 'nope' })).rejects.toMatchObject({ code: 'not_found' })
  })
})
