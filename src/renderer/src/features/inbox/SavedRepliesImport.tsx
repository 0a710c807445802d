import type { SavedRepliesImportPreview } from '../../../../shared/domain/saved-replies'
import type { ReactNode } from 'react'
import { Button } from '../../components/Button'

type Shown = Exclude<SavedRepliesImportPreview, { status: 'cancelled' }>

const replies = (n: number): string => `${n.toLocaleString()} saved ${n === 1 ? 'reply' : 'replies'}`
const MAX_PROBLEMS_SHOWN = 20
const quoted = (names: string[]): string => names.map((n) => `“${n}”`).join(', ')

/**
 * What importing a CSV file would do, before anything is added: the replies it adds, the names
 * already saved (left as they are), or every line that stops the import.
 */
export function SavedRepliesImport(props: { preview: Shown; busy: boolean; onConfirm(): void; onChooseAgain(): void; onCancel(): void }) {
  const { preview } = props
  if (preview.status === 'invalid') {
    const shown = preview.problems.slice(0, MAX_PROBLEMS_SHOWN)
    const more = preview.problems.length - shown.length
    return (
      <section className="saved-replies-import" aria-label="Import saved replies">
        <div className="saved-replies-import__problems" role="alert">
          <h3 className="saved-replies__form-title">{preview.fileName} was not imported</h3>
          <p>Nothing was added. Fix {preview.problems.length === 1 ? 'this' : 'these'} in the file and import it again:</p>
          <ul>
            {shown.map((p, i) => (
              <li key={i}>{p.line === null ? p.message : `Line ${p.line}: ${p.message}`}</li>
            ))}
            {more > 0 && <li>…and {more.toLocaleString()} more.</li>}
          </ul>
        </div>
        <div className="saved-replies__form-buttons">
          <Button variant="primary" onClick={props.onChooseAgain}>
            Choose another file
          </Button>
          <Button variant="ghost" onClick={props.onCancel}>
            Cancel
          </Button>
        </div>
      </section>
    )
  }
  const n = preview.add.length
  return (
    <section className="saved-replies-import" aria-label="Import saved replies">
      <h3 className="saved-replies__form-title">{n > 0 ? `Add ${replies(n)} from ${preview.fileName}?` : `Nothing new in ${preview.fileName}`}</h3>
      {n > 0 && (
        <ul className="saved-replies__list saved-replies-import__list" aria-label="Saved replies to add">
          {preview.add.map((r) => (
            <SavedReplyItem key={r.name} reply={r} />
          ))}
        </ul>
      )}
      {preview.alreadySaved.length > 0 && <p className="saved-replies-import__note">Saved already with the same text: {quoted(preview.alreadySaved)}.</p>}
      {preview.keptYours.length > 0 && (
        <p className="saved-replies-import__note">
          You have saved replies named {quoted(preview.keptYours)} with a different text. Yours are kept; the file’s {preview.keptYours.length === 1 ? 'version is' : 'versions are'} not
          imported.
        </p>
      )}
      <div className="saved-replies__form-buttons">
        {n > 0 && (
          <Button variant="primary" disabled={props.busy} onClick={props.onConfirm}>
            Add {replies(n)}
          </Button>
        )}
        <Button variant="ghost" onClick={props.onCancel}>
          {n > 0 ? 'Cancel' : 'Back'}
        </Button>
      </div>
    </section>
  )
}

/** One saved reply as the lists show it: its name, its text, and any buttons beside them. */
export function SavedReplyItem(props: { reply: { name: string; text: string }; children?: ReactNode }) {
  return (
    <li className="saved-replies__item">
      <div className="saved-replies__body">
        <strong>{props.reply.name}</strong>
        <p>{props.reply.text}</p>
      </div>
      {props.children}
    </li>
  )
}
