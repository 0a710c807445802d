import { memo, useId, useState } from 'react'
import { Button } from '../../../components/Button'
import { Icon } from '../../../components/Icon'
import { call, errorMessage } from '../../../lib/api'
import { imageConversionFor, imageTypeName } from '../../../../../shared/domain/image-formats'
import { NETWORK_LABELS, type Network } from '../../../../../shared/domain/network'
import { imageFromPick, type ComposerImage } from './compose-form'

/** The longest description any network takes (Mastodon's); each network's own limit is checked in main. */
const ALT_MAX = 1_500

const fileSize = (bytes: number): string => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`)

/**
 * The post's optional image: "Add image" opens main's own file dialog (main reads only what it
 * returned), then a preview, the description screen readers get, and a way to remove it.
 * Drawn again only when its own props change, not for each key typed elsewhere.
 */
export const ImageField = memo(function ImageField({
  image,
  onChange,
  issue,
  readOnly,
  networks,
}: {
  image: ComposerImage | null
  /** The chosen channels' networks: those that take another type are told what they will get. */
  networks: readonly Network[]
  onChange: (image: ComposerImage | null) => void
  /** Main's refusal of the image or its description. */
  issue: string | undefined
  readOnly: boolean
}) {
  const altId = useId()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()

  async function pick(): Promise<void> {
    setBusy(true)
    setError(undefined)
    try {
      const picked = await call('schedule:pick-image')
      // Null: the dialog was cancelled, which needs no message.
      if (picked) onChange({ ...imageFromPick(picked), altText: image?.altText ?? '' })
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  const message = error ?? issue
  const conversions = image
    ? networks.flatMap((network) => {
        const conversion = imageConversionFor(network, image.mimeType)
        return conversion ? [{ network, to: imageTypeName(conversion.to) }] : []
      })
    : []
  return (
    <div className="form-field composer-image">
      <span className="form-field__label">Image</span>
      {image ? (
        <div className="composer-image__attached">
          {image.previewUrl ? (
            <img className="composer-image__thumb" src={image.previewUrl} alt={`Preview of ${image.name}`} />
          ) : (
            <span className="composer-image__thumb composer-image__thumb--none">Too large to preview</span>
          )}
          <div className="composer-image__details">
            <span className="composer-image__name">{image.name}</span>
            <span className="composer-image__meta">
              {image.width} × {image.height} px · {fileSize(image.sizeBytes)}
            </span>
            {image && conversions.length > 0 && (
              <p className="composer-image__note" data-testid="image-conversion">
                <Icon name="check" size={12} />
                {conversions
                  .map((c) => `${NETWORK_LABELS[c.network]} takes ${c.to} only: this ${imageTypeName(image.mimeType)} is sent to ${NETWORK_LABELS[c.network]} as a ${c.to}.`)
                  .join(' ')}
              </p>
            )}
            <div className="composer-image__actions">
              <Button size="sm" onClick={() => void pick()} disabled={busy || readOnly}>
                Replace image
              </Button>
              <Button size="sm" variant="ghost" className="button--danger-text" onClick={() => onChange(null)} disabled={busy || readOnly}>
                <Icon name="trash" size={12} />
                Remove image
              </Button>
            </div>
          </div>
          <div className="form-field composer-image__alt">
            <label htmlFor={altId} className="form-field__label">
              Alt text
            </label>
            <textarea
              id={altId}
              className="input composer-textarea composer-textarea--short"
              value={image.altText}
              maxLength={ALT_MAX}
              readOnly={readOnly}
              aria-describedby={`${altId}-hint`}
              onChange={(e) => onChange({ ...image, altText: e.target.value })}
            />
            <p id={`${altId}-hint`} className="form-field__hint">
              Describe the image for people who cannot see it. It is sent along to every network that accepts descriptions.
            </p>
          </div>
        </div>
      ) : (
        <div>
          <Button onClick={() => void pick()} disabled={busy || readOnly}>
            <Icon name="plus" size={14} />
            {busy ? 'Opening…' : 'Add image'}
          </Button>
        </div>
      )}
      {message && (
        <p className="field-error" role="alert">
          {message}
        </p>
      )}
    </div>
  )
})
