import { useId, useState, type FormEvent } from 'react'
import type { Brand } from '../../../../shared/domain/entities'
import { BrandChip } from '../../components/BrandChip'
import { Button } from '../../components/Button'
import { Icon } from '../../components/Icon'
import { call } from '../../lib/api'
import { brandNameError } from './brand-error'

export interface BrandRowProps {
  brand: Brand
  onRenamed: () => void
  onDelete: (brand: Brand) => Promise<void>
}

export function BrandRow({ brand, onRenamed, onDelete }: BrandRowProps) {
  const id = useId()
  const [editing, setEditing] = useState(false)
  const [draft, setDraft] = useState(brand.name)
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)

  function startEditing(): void {
    setDraft(brand.name)
    setError(undefined)
    setEditing(true)
  }

  async function rename(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault()
    if (draft.trim() === brand.name) {
      setEditing(false)
      return
    }
    setBusy(true)
    try {
      await call('brands:update', { id: brand.id, name: draft })
      setEditing(false)
      onRenamed()
    } catch (err) {
      setError(brandNameError(err))
    } finally {
      setBusy(false)
    }
  }

  async function remove(): Promise<void> {
    setBusy(true)
    try {
      await onDelete(brand)
    } finally {
      setBusy(false)
    }
  }

  const channels = `${brand.channelCount} ${brand.channelCount === 1 ? 'channel' : 'channels'}`

  if (editing) {
    return (
      <li className="list-row brand-row brand-row--editing">
        <form className="brand-row__form" onSubmit={(e) => void rename(e)} noValidate>
          <label htmlFor={id} className="visually-hidden">
            Brand name
          </label>
          <input
            id={id}
            className="input brand-row__input"
            value={draft}
            maxLength={120}
            autoComplete="off"
            autoFocus
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => {
              setDraft(e.target.value)
              if (error) setError(undefined)
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setEditing(false)
            }}
          />
          <Button type="submit" size="sm" variant="primary" disabled={busy}>
            Save
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setEditing(false)}>
            Cancel
          </Button>
        </form>
        {error && (
          <p id={`${id}-error`} className="field-error" role="alert">
            {error}
          </p>
        )}
      </li>
    )
  }

  return (
    <li className="list-row brand-row">
      <BrandChip name={brand.name} color={brand.color} />
      <span className="brand-row__count">{channels}</span>
      <span className="brand-row__actions">
        <Button size="sm" variant="ghost" aria-label={`Rename ${brand.name}`} onClick={startEditing}>
          <Icon name="pencil" size={14} />
          Rename
        </Button>
        <Button size="sm" variant="ghost" className="button--danger-text" aria-label={`Delete ${brand.name}`} disabled={busy} onClick={() => void remove()}>
          <Icon name="trash" size={14} />
          Delete
        </Button>
      </span>
    </li>
  )
}
