import { useId, useState, type FormEvent } from 'react'
import type { DeliveryState, DeliveryView, PostView, ResolveAction } from '../../../../shared/domain/schedule'
import { useNow } from '../../app/now-context'
import { Button } from '../../components/Button'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Icon } from '../../components/Icon'
import { LocaleInput } from '../../components/LocaleInput'
import { useToast, useToastedAction } from '../../components/use-toast'
import { call } from '../../lib/api'
import { formatShortDay, formatTime, fromDateTimeLocal, toDateTimeLocal } from './schedule-format'

// Which decisions main accepts from which state (scheduler.ts, resolveDelivery).
const CAN_PUBLISH_NOW: readonly DeliveryState[] = ['missed', 'failed', 'needs_review', 'held', 'skipped']
const CAN_RESCHEDULE: readonly DeliveryState[] = [...CAN_PUBLISH_NOW, 'scheduled']
const CAN_SKIP: readonly DeliveryState[] = ['scheduled', 'missed', 'failed', 'needs_review', 'held']
const CAN_MARK_PUBLISHED: readonly DeliveryState[] = ['needs_review', 'failed']

const HOUR = 3_600_000

// What main lets a person change (OPEN_STATES in the delivery repository) or cancel.
const EDITABLE: readonly DeliveryState[] = ['scheduled', 'held', 'missed', 'failed', 'skipped']
const CANCELLABLE: readonly DeliveryState[] = ['scheduled', 'held', 'missed', 'failed']

/**
 * What a person can do with one delivery in its state: publish now, pick a new time, skip, or
 * confirm it went out. `canPublishNow` is false while a held post's connection is still broken.
 */
export function DeliveryActions({ delivery, canPublishNow }: { delivery: DeliveryView; canPublishNow: boolean }) {
  const now = useNow()
  const toast = useToast()
  const dateId = useId()
  const timeId = useId()
  const timeErrorId = useId()
  const urlId = useId()
  const { busy, run } = useToastedAction()
  const [when, setWhen] = useState(() => {
    const local = toDateTimeLocal(delivery.dueAt > now ? delivery.dueAt : Math.ceil((now + HOUR) / (15 * 60_000)) * 15 * 60_000)
    return { date: local.slice(0, 10), time: local.slice(11) }
  })
  const [timeError, setTimeError] = useState<string>()
  const [url, setUrl] = useState('')
  const { state } = delivery

  if (![...CAN_RESCHEDULE, ...CAN_MARK_PUBLISHED].includes(state)) return null

  const resolve = (action: ResolveAction, success: string): Promise<boolean> =>
    run(async () => {
      await call('schedule:resolve-delivery', { deliveryId: delivery.id, action })
      toast.show({ message: success })
    })

  function reschedule(event: FormEvent): void {
    event.preventDefault()
    const at = fromDateTimeLocal(`${when.date}T${when.time}`)
    if (at === undefined) return setTimeError('Pick a date and a time.')
    if (at <= now) return setTimeError('Pick a time in the future.')
    setTimeError(undefined)
    void resolve({ kind: 'reschedule', at }, `Rescheduled for ${formatShortDay(at)}, ${formatTime(at)} on ${delivery.channelName}.`)
  }

  function markPublished(event: FormEvent): void {
    event.preventDefault()
    const link = url.trim()
    void resolve(link ? { kind: 'mark_published', url: link } : { kind: 'mark_published' }, `Marked as published on ${delivery.channelName}.`).then((done) => {
      if (done) setUrl('')
    })
  }

  return (
    <section className="drawer-section" aria-label="What to do">
      <div className="drawer-actions">
        {canPublishNow && CAN_PUBLISH_NOW.includes(state) && (
          // A refusal comes back if the same post is sent again: for a failed post, trying again is not the main way out.
          <Button
            variant={state === 'failed' ? 'secondary' : 'primary'}
            disabled={busy}
            onClick={() => void resolve({ kind: 'publish_now' }, `Publishing now on ${delivery.channelName}.`)}
          >
            {state === 'failed' ? 'Try again now' : 'Publish now'}
          </Button>
        )}
        {CAN_SKIP.includes(state) && (
          <Button disabled={busy} onClick={() => void resolve({ kind: 'skip' }, `Skipped: it will not go out on ${delivery.channelName}.`)}>
            Skip
          </Button>
        )}
      </div>
      {CAN_RESCHEDULE.includes(state) && (
        <form className="delivery-form delivery-form--when" onSubmit={reschedule}>
          <div className="delivery-form__when">
            <label htmlFor={dateId} className="form-field__label">
              New date
            </label>
            <LocaleInput id={dateId} kind="date" value={when.date} invalid={timeError !== undefined} describedBy={timeError ? timeErrorId : undefined} onChange={(date) => setWhen({ ...when, date })} />
          </div>
          <div className="delivery-form__when">
            <label htmlFor={timeId} className="form-field__label">
              New time
            </label>
            <LocaleInput id={timeId} kind="time" value={when.time} invalid={timeError !== undefined} describedBy={timeError ? timeErrorId : undefined} onChange={(time) => setWhen({ ...when, time })} />
          </div>
          {timeError && (
            <p id={timeErrorId} className="field-error">
              {timeError}
            </p>
          )}
          <Button type="submit" disabled={busy}>
            Reschedule
          </Button>
        </form>
      )}
      {CAN_MARK_PUBLISHED.includes(state) && (
        <form className="delivery-form" onSubmit={markPublished}>
          <div className="form-field">
            <label htmlFor={urlId} className="form-field__label">
              Link to the live post (optional)
            </label>
            <input id={urlId} type="url" className="input" placeholder="https://" value={url} onChange={(e) => setUrl(e.target.value)} />
          </div>
          <Button type="submit" disabled={busy}>
            <Icon name="check" size={14} />
            Mark as published
          </Button>
        </form>
      )}
    </section>
  )
}

/** Edit, duplicate or cancel the whole post. */
export function PostActions({ post, onEdit }: { post: PostView; onEdit(postId: string): void }) {
  const toast = useToast()
  const [confirming, setConfirming] = useState(false)
  const { busy, run } = useToastedAction()

  const duplicate = (): Promise<boolean> =>
    run(async () => {
      const copy = await call('schedule:duplicate-post', { postId: post.id })
      toast.show({ message: 'Duplicated as a draft.', action: { label: 'Edit', onClick: () => onEdit(copy.id) } })
    })

  // Main refuses edits once any channel has published or is publishing, and a cancel that would skip nothing.
  const editable = post.status !== 'cancelled' && post.deliveries.every((d) => EDITABLE.includes(d.state))
  const cancellable = post.status === 'scheduled' && post.deliveries.some((d) => CANCELLABLE.includes(d.state))
  return (
    <div className="drawer-actions">
      {editable && (
        <Button size="sm" variant={post.deliveries.some((d) => d.state === 'failed') ? 'primary' : 'secondary'} onClick={() => onEdit(post.id)}>
          <Icon name="pencil" size={14} />
          Edit post
        </Button>
      )}
      <Button size="sm" disabled={busy} onClick={() => void duplicate()}>
        <Icon name="copy" size={14} />
        Duplicate
      </Button>
      {cancellable && (
        <Button size="sm" variant="ghost" className="button--danger-text" onClick={() => setConfirming(true)}>
          <Icon name="trash" size={14} />
          Cancel post
        </Button>
      )}
      {confirming && (
        <ConfirmDialog
          title="Cancel this post?"
          confirmLabel="Cancel post"
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            await call('schedule:cancel-post', { postId: post.id })
            toast.show({ message: 'Post cancelled. Channels where it already went out keep it.' })
          }}
        >
          <p>It will not go out on any channel where it has not been published yet.</p>
          <p>Posts already live stay on the networks; remove those there.</p>
        </ConfirmDialog>
      )}
    </div>
  )
}
