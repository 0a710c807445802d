import { useId, useState, type FormEvent } from 'react'
import { Button } from '../../components/Button'
import { Icon } from '../../components/Icon'
import { call } from '../../lib/api'
import { brandNameError } from './brand-error'

export function BrandCreateForm({ onCreated }: { onCreated: () => void }) {
  const id = useId()
  const [name, setName] = useState('')
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    try {
      // Main trims and checks the name; an empty one comes back as a field issue shown below.
      await call('brands:create', { name })
      setName('')
      setError(undefined)
      onCreated()
    } catch (err) {
      setError(brandNameError(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="brand-form" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={id} className="visually-hidden">
        New brand name
      </label>
      <div className="brand-form__row">
        <input
          id={id}
          className="input brand-form__input"
          placeholder="New brand name, e.g. Northwind Coffee"
          value={name}
          maxLength={120}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setName(e.target.value)
            if (error) setError(undefined)
          }}
        />
        <Button type="submit" variant="primary" disabled={busy}>
          <Icon name="plus" size={14} />
          Add brand
        </Button>
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}
