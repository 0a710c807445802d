import { useState } from 'react'
import type { SavedReply } from '../../../../shared/domain/inbox'
import type { SavedRepliesImportPreview } from '../../../../shared/domain/saved-replies'
import { Button } from '../../components/Button'
import { Dialog } from '../../components/Dialog'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useToast } from '../../components/use-toast'
import { call, errorMessage } from '../../lib/api'
import { SavedRepliesImport, SavedReplyItem } from './SavedRepliesImport'

interface Draft {
  id?: number
  name: string
  text: string
}

/**
 * Saved replies: answers the team writes once and inserts into any reply, with `{first_name}` and
 * `{name}` filled in for the person answered. Create, edit and delete (with undo), export as CSV and
 * import that CSV back (shown first, then added whole, with undo).
 */
export function SavedRepliesDialog(props: { replies: SavedReply[]; onChanged(): void; onInsert?: (reply: SavedReply) => void; onClose(): void }) {
  const toast = useToast()
  const [draft, setDraft] = useState<Draft | null>(props.replies.length === 0 ? { name: '', text: '' } : null)
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [preview, setPreview] = useState<Exclude<SavedRepliesImportPreview, { status: 'cancelled' }> | null>(null)
  // Said inside the dialog: the import's outcome belongs with its preview.
  const [imported, setImported] = useState<{ importId: string; message: string } | null>(null)

  async function save(): Promise<void> {
    if (!draft) return
    setBusy(true)
    setError(undefined)
    try {
      await call('inbox:save-reply', { ...(draft.id !== undefined ? { id: draft.id } : {}), name: draft.name, text: draft.text })
      setDraft(null)
      props.onChanged()
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  async function remove(reply: SavedReply): Promise<void> {
    try {
      await call('inbox:delete-saved-reply', { id: reply.id })
      props.onChanged()
      toast.show({
        message: `“${reply.name}” deleted.`,
        action: {
          label: 'Undo',
          onClick: async () => {
            await call('inbox:save-reply', { name: reply.name, text: reply.text })
            props.onChanged()
          },
        },
      })
    } catch (err) {
      toast.show({ message: `Not deleted: ${errorMessage(err)}`, tone: 'danger' })
    }
  }

  async function exportAll(): Promise<void> {
    try {
      const result = await call('inbox:export-saved-replies', undefined)
      if (result.saved) toast.show({ message: `${result.count} saved ${result.count === 1 ? 'reply' : 'replies'} exported to ${result.path ?? 'the file'}.` })
    } catch (err) {
      toast.show({ message: `Not exported: ${errorMessage(err)}`, tone: 'danger' })
    }
  }

  async function chooseImport(): Promise<void> {
    try {
      const result = await call('inbox:preview-saved-replies-import', undefined)
      setImported(null)
      setPreview(result.status === 'cancelled' ? null : result)
    } catch (err) {
      toast.show({ message: `Not imported: ${errorMessage(err)}`, tone: 'danger' })
    }
  }

  async function confirmImport(): Promise<void> {
    if (preview?.status !== 'ready') return
    const { importId, fileName } = preview
    setBusy(true)
    try {
      const { added } = await call('inbox:import-saved-replies', { importId })
      setPreview(null)
      setDraft(null)
      setImported({ importId, message: `${added.length} saved ${added.length === 1 ? 'reply' : 'replies'} imported from ${fileName}.` })
      props.onChanged()
    } catch (err) {
      setPreview(null)
      toast.show({ message: `Not imported: ${errorMessage(err)}`, tone: 'danger' })
    } finally {
      setBusy(false)
    }
  }

  async function undoImport(): Promise<void> {
    if (!imported) return
    try {
      const { removed } = await call('inbox:undo-saved-replies-import', { importId: imported.importId })
      setImported(null)
      props.onChanged()
      toast.show({ message: `Import undone: ${removed} saved ${removed === 1 ? 'reply' : 'replies'} removed.` })
    } catch (err) {
      toast.show({ message: `Not undone: ${errorMessage(err)}`, tone: 'danger' })
    }
  }

  return (
    <Dialog
      title="Saved replies"
      description="Write an answer once, insert it into any reply. {first_name} and {name} become the name of the person you answer."
      onClose={props.onClose}
      size="md"
      footer={
        <>
          <Button variant="ghost" onClick={() => void chooseImport()}>
            Import…
          </Button>
          {props.replies.length > 0 && (
            <Button variant="ghost" onClick={() => void exportAll()}>
              Export as CSV
            </Button>
          )}
          <Button onClick={props.onClose}>Close</Button>
        </>
      }
    >
      <div className="saved-replies">
        {imported && (
          <div className="saved-replies-import__done" role="status">
            <span>{imported.message}</span>
            <Button size="sm" onClick={() => void undoImport()}>
              Undo import
            </Button>
          </div>
        )}
        {preview && <SavedRepliesImport preview={preview} busy={busy} onConfirm={() => void confirmImport()} onChooseAgain={() => void chooseImport()} onCancel={() => setPreview(null)} />}
        {!preview && props.replies.length > 0 && (
          <ul className="saved-replies__list" aria-label="Saved replies">
            {props.replies.map((r) => (
              <SavedReplyItem key={r.id} reply={r}>
                <div className="saved-replies__buttons">
                  {props.onInsert && (
                    <Button size="sm" variant="primary" onClick={() => props.onInsert?.(r)}>
                      Insert
                    </Button>
                  )}
                  <Button size="sm" onClick={() => setDraft({ id: r.id, name: r.name, text: r.text })} aria-label={`Edit ${r.name}`}>
                    Edit
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => void remove(r)} aria-label={`Delete ${r.name}`}>
                    Delete
                  </Button>
                </div>
              </SavedReplyItem>
            ))}
          </ul>
        )}
        {preview ? null : draft ? (
          <form
            className="saved-replies__form"
            onSubmit={(e) => {
              e.preventDefault()
              void save()
            }}
          >
            <h3 className="saved-replies__form-title">{draft.id === undefined ? 'New saved reply' : 'Edit saved reply'}</h3>
            <label>
              <span>Name</span>
              <input value={draft.name} maxLength={80} required placeholder="Thanks for the kind words" onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
            </label>
            <label>
              <span>Reply</span>
              <textarea
                value={draft.text}
                maxLength={2000}
                rows={4}
                required
                placeholder="Thank you {first_name}, that means a lot to the team!"
                onChange={(e) => setDraft({ ...draft, text: e.target.value })}
              />
            </label>
            {error && <ErrorNotice message={error} />}
            <div className="saved-replies__form-buttons">
              <Button type="submit" variant="primary" disabled={busy || !draft.name.trim() || !draft.text.trim()}>
                Save
              </Button>
              <Button variant="ghost" onClick={() => setDraft(null)}>
                Cancel
              </Button>
            </div>
          </form>
        ) : (
          <Button onClick={() => setDraft({ name: '', text: '' })}>New saved reply</Button>
        )}
      </div>
    </Dialog>
  )
}
