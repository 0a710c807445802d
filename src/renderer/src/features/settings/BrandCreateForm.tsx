import { useId, useState } from 'react'
import type { Brand } from '../../../../shared/domain/entities'
import { Button } from '../../components/Button'
import { Icon } from '../../components/Icon'
import { call } from '../../lib/api'
import { brandNameError } from './brand-error'

/**
 * A field that creates a brand: in Settings, its own form; inside the channel picker (already a
 * form), a row whose Enter adds the brand without submitting the picker, so a first connection is
 * never a dead end.
 */
export function BrandCreateForm({ onCreated, inPicker = false }: { onCreated: (brand: Brand) => void; inPicker?: boolean }) {
  const id = useId()
  const [name, setName] = useState('')
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)

  async function create(): Promise<void> {
    if (busy) return
    setBusy(true)
    try {
      // Main trims and checks the name; an empty one comes back as a field issue shown below.
      const brand = await call('brands:create', { name })
      setName('')
      setError(undefined)
      onCreated(brand)
    } catch (err) {
      setError(brandNameError(err))
    } finally {
      setBusy(false)
    }
  }

  const field = (
    <>
      <label htmlFor={id} className="visually-hidden">
        New brand name
      </label>
      <input
        id={id}
        className={inPicker ? 'input' : 'input brand-form__input'}
        placeholder={inPicker ? 'New brand, e.g. Northwind Coffee' : 'New brand name, e.g. Northwind Coffee'}
        value={name}
        maxLength={120}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          setName(e.target.value)
          setError(undefined)
        }}
        onKeyDown={(e) => {
          // Enter adds the brand; inside the picker it must not submit the picker's form.
          if (e.key === 'Enter') {
            e.preventDefault()
            void create()
          }
        }}
      />
      <Button variant={inPicker ? 'secondary' : 'primary'} onClick={() => void create()} disabled={busy}>
        <Icon name="plus" size={14} />
        Add brand
      </Button>
    </>
  )
  const problem = error && (
    <p id={`${id}-error`} className="field-error" role="alert">
      {error}
    </p>
  )
  if (inPicker) {
    return (
      <div className="picker-new-brand">
        {field}
        {problem}
      </div>
    )
  }
  return (
    <form className="brand-form" onSubmit={(e) => e.preventDefault()} noValidate>
      <div className="brand-form__row">{field}</div>
      {problem}
    </form>
  )
}
