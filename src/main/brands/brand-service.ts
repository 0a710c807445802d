import type { Brand, BrandSnapshot } from '../../shared/domain/entities'
import { AppError } from '../../shared/errors'
import { constraintKind } from '../db/db-errors'
import type { BrandRepository } from '../db/repositories/brand-repository'
import type { EventBus } from '../events'
import type { Clock } from '../ports'

/** Chip colours handed out in turn so neighbouring brands look different. */
export const BRAND_PALETTE = ['#2563eb', '#db2777', '#16a34a', '#ea580c', '#7c3aed', '#0891b2', '#ca8a04', '#dc2626'] as const

export type BrandService = ReturnType<typeof createBrandService>

export function createBrandService(deps: { brands: BrandRepository; clock: Clock; events: EventBus }) {
  const { brands, clock, events } = deps

  async function mustGet(id: string): Promise<Brand> {
    const brand = await brands.get(id)
    if (!brand) throw new AppError('not_found', 'That brand no longer exists. It may have been deleted in another window.')
    return brand
  }

  const nameTaken = (name: string, cause?: unknown) => new AppError('conflict', `A brand called "${name}" already exists. Pick another name.`, { cause })

  async function assertNameFree(name: string, exceptId?: string): Promise<void> {
    const clash = await brands.findByName(name)
    if (clash && clash.id !== exceptId) throw nameTaken(name)
  }

  /**
   * The checks above answer most cases with a precise sentence; the UNIQUE constraint decides the
   * rest (a double click sends two creates before either is written).
   */
  async function writing<T>(name: string | undefined, write: () => Promise<T>, onSameId?: () => AppError): Promise<T> {
    try {
      return await write()
    } catch (err) {
      if (constraintKind(err) !== 'unique') throw err
      if (onSameId && String(err).includes('brands.id')) throw onSameId()
      if (name !== undefined) throw nameTaken(name, err)
      throw err
    }
  }

  return {
    list: () => brands.list(),

    async create(input: { name: string; color?: string }): Promise<Brand> {
      await assertNameFree(input.name)
      const existing = await brands.list()
      const color = input.color ?? BRAND_PALETTE[existing.length % BRAND_PALETTE.length] ?? BRAND_PALETTE[0]
      const id = await writing(input.name, () => brands.insert({ name: input.name, color, nowMs: clock.now() }))
      events.emit('brands:did-change', { brandIds: [id] })
      return mustGet(id)
    },

    async update(input: { id: string; name?: string; color?: string }): Promise<Brand> {
      await mustGet(input.id)
      if (input.name !== undefined) await assertNameFree(input.name, input.id)
      const patch: { name?: string; color?: string } = {}
      if (input.name !== undefined) patch.name = input.name
      if (input.color !== undefined) patch.color = input.color
      await writing(input.name, () => brands.update(input.id, patch, clock.now()))
      events.emit('brands:did-change', { brandIds: [input.id] })
      return mustGet(input.id)
    },

    async delete(input: { id: string }): Promise<BrandSnapshot> {
      const snapshot = await brands.delete(input.id)
      if (!snapshot) throw new AppError('not_found', 'That brand no longer exists. It may have been deleted in another window.')
      events.emit('brands:did-change', { brandIds: [input.id] })
      return snapshot
    },

    async restore(input: { snapshot: BrandSnapshot }): Promise<Brand> {
      const alreadyBack = () => new AppError('conflict', 'That brand is already back.')
      if (await brands.get(input.snapshot.id)) throw alreadyBack()
      await assertNameFree(input.snapshot.name)
      await writing(input.snapshot.name, () => brands.restore(input.snapshot, clock.now()), alreadyBack)
      events.emit('brands:did-change', { brandIds: [input.snapshot.id] })
      return mustGet(input.snapshot.id)
    },
  }
}
