import { useId, useState } from 'react'
import type { ChannelSummary } from '../../../../shared/domain/entities'
import type { PostView } from '../../../../shared/domain/schedule'
import { Button } from '../../components/Button'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { NetworkMark } from '../../components/NetworkMark'
import { useToast } from '../../components/use-toast'
import { call } from '../../lib/api'
import { formatDateTime } from '../../lib/time'

const firstLine = (text: string): string => text.split('\n', 1)[0]?.trim() || 'No text'

/** Posts saved without a time: open one to finish and schedule it, or discard it. */
export function DraftsSection({ drafts, channels, onEdit }: { drafts: readonly PostView[]; channels: readonly ChannelSummary[]; onEdit(postId: string): void }) {
  const headingId = useId()
  const toast = useToast()
  const [discarding, setDiscarding] = useState<PostView>()
  if (drafts.length === 0) return null
  const byId = new Map(channels.map((c) => [c.id, c]))
  return (
    <section className="drafts" aria-labelledby={headingId}>
      <h2 id={headingId} className="drafts__title">
        Drafts ({drafts.length})
      </h2>
      <ul className="drafts__list">
        {drafts.map((draft) => {
          const line = firstLine(draft.text)
          return (
            <li key={draft.id} className="draft">
              <span className="draft__marks" aria-hidden="true">
                {draft.channelIds.map((id) => {
                  const channel = byId.get(id)
                  return channel ? <NetworkMark key={id} network={channel.network} size="sm" /> : null
                })}
              </span>
              <span className="draft__text">{line}</span>
              <span className="draft__meta">
                {draft.channelIds.length === 0 ? 'No channels yet' : `${draft.channelIds.length} ${draft.channelIds.length === 1 ? 'channel' : 'channels'}`} · saved{' '}
                {formatDateTime(draft.updatedAt)}
              </span>
              <span className="draft__actions">
                <Button size="sm" aria-label={`Edit draft: ${line}`} onClick={() => onEdit(draft.id)}>
                  Edit
                </Button>
                <Button size="sm" variant="ghost" aria-label={`Discard draft: ${line}`} onClick={() => setDiscarding(draft)}>
                  Discard
                </Button>
              </span>
            </li>
          )
        })}
      </ul>
      {discarding && (
        <ConfirmDialog
          title="Discard this draft?"
          confirmLabel="Discard draft"
          onClose={() => setDiscarding(undefined)}
          onConfirm={async () => {
            await call('schedule:cancel-post', { postId: discarding.id })
            toast.show({ message: 'Draft discarded.' })
          }}
        >
          <p>“{firstLine(discarding.text)}” will be removed from your drafts.</p>
        </ConfirmDialog>
      )}
    </section>
  )
}
