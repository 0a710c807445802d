import { useId, useState } from 'react'
import type { PostView } from '../../../../../shared/domain/schedule'
import { Button } from '../../../components/Button'
import { Dialog } from '../../../components/Dialog'
import { ErrorNotice } from '../../../components/ErrorNotice'
import { call, errorMessage } from '../../../lib/api'

/**
 * Writing a post: a new one, or editing a draft or a scheduled post (`postId`).
 * `onSaved` runs after the post is stored; the composer closes itself through `onClose`.
 */
export function Composer(props: { postId?: string; initialPublishAt?: number; onClose(): void; onSaved?(post: PostView): void }) {
  const { onClose, onSaved } = props
  const textId = useId()
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()

  async function saveDraft(): Promise<void> {
    setBusy(true)
    setError(undefined)
    try {
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
      const result = await call('schedule:create-post', { text, channelIds: [], timeZone: zone, draft: true })
      if (result.post) onSaved?.(result.post)
      onClose()
    } catch (err) {
      setError(errorMessage(err))
      setBusy(false)
    }
  }

  return (
    <Dialog
      title="New post"
      onClose={onClose}
      size="lg"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" onClick={() => void saveDraft()} disabled={busy}>
            Save draft
          </Button>
        </>
      }
    >
      <div className="form-field">
        <label htmlFor={textId} className="form-field__label">
          Post text
        </label>
        <textarea id={textId} className="input" value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      {error && <ErrorNotice message={error} />}
    </Dialog>
  )
}
