import { useState } from 'react'
import type { Brand, ChannelSummary } from '../../../../shared/domain/entities'
import { SaveStatus, type SaveState } from '../../components/SaveStatus'
import { call, errorMessage } from '../../lib/api'

/** The brands a channel belongs to, changed with a tick: each change is saved at once. */
export function ChannelBrands({ channel, brands }: { channel: ChannelSummary; brands: readonly Brand[] }) {
  const [state, setState] = useState<SaveState>({ kind: 'idle' })
  const [chosen, setChosen] = useState<readonly string[]>()
  const [seen, setSeen] = useState(channel.brandIds.join())
  // A fresh list from main (this change, or another window's) replaces what was ticked here.
  if (seen !== channel.brandIds.join()) {
    setSeen(channel.brandIds.join())
    setChosen(undefined)
  }
  const current = chosen ?? channel.brandIds

  async function toggle(brandId: string, on: boolean): Promise<void> {
    const next = on ? [...current, brandId] : current.filter((id) => id !== brandId)
    setChosen(next)
    setState({ kind: 'saving' })
    try {
      await call('channels:set-brands', { channelId: channel.id, brandIds: next })
      setState({ kind: 'saved' })
    } catch (err) {
      setChosen(undefined)
      setState({ kind: 'error', message: errorMessage(err) })
    }
  }

  if (brands.length === 0) return <p className="muted-note">No brands yet. Create one in Settings → Brands to group channels.</p>
  return (
    <fieldset className="channel-brands">
      <legend className="visually-hidden">Brands of {channel.name}</legend>
      <ul className="channel-brands__list">
        {brands.map((brand) => (
          <li key={brand.id}>
            <label className="channel-brands__option">
              <input type="checkbox" checked={current.includes(brand.id)} onChange={(e) => void toggle(brand.id, e.target.checked)} />
              <span className="channel-brands__swatch" style={{ background: brand.color }} aria-hidden="true" />
              {brand.name}
            </label>
          </li>
        ))}
      </ul>
      <SaveStatus state={state} />
    </fieldset>
  )
}
