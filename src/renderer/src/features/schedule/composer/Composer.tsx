import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import { NETWORK_LABELS } from '../../../../../shared/domain/network'
import type { ChannelProblems, DeliveryState, PostView } from '../../../../../shared/domain/schedule'
import { useNow } from '../../../app/now-context'
import { Button } from '../../../components/Button'
import { ConfirmDialog } from '../../../components/ConfirmDialog'
import { Dialog } from '../../../components/Dialog'
import { ErrorNotice } from '../../../components/ErrorNotice'
import { Icon } from '../../../components/Icon'
import { Loading } from '../../../components/Loading'
import { useToast } from '../../../components/use-toast'
import { call, errorMessage, IpcError } from '../../../lib/api'
import { CHANNEL_LIST_EVENTS } from '../../../lib/channel-events'
import { useQuery } from '../../../lib/use-query'
import { ChannelPreviews } from './ChannelPreviews'
import { PostTextField } from './PostTextField'
import { ChannelSelect } from './ChannelSelect'
import { contentOf, createInput, emptyForm, formFromPost, formKey, localTimeZone, updateInput, type ComposeForm } from './compose-form'
import { FirstCommentField } from './FirstCommentField'
import { ImageField } from './ImageField'
import { fieldIssues, useContentCheck, type ContentField } from './use-content-check'
import { useNextFreeSlot } from './use-next-free-slot'
import { WhenFields } from './WhenFields'
import { formatInZone, suggestedPublishAt, utcToZonedWallTime, zonedWallTimeToUtc } from './zoned-time'
import './composer.css'

/** One empty list for every answer not there yet, so the memoised fields see the same props. */
const NONE: never[] = []

/** Main accepts a time up to a minute old, so "now" from a slow click still schedules. */
const PAST_SLACK_MS = 60_000

/** Delivery states an edit may still change; the others went out or are going out. */
const EDITABLE_STATES: readonly DeliveryState[] = ['scheduled', 'held', 'missed', 'failed', 'skipped']

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

/** "Maya Chen (X) and Harbor Books (Instagram)". */
function channelNames(problems: readonly ChannelProblems[]): string {
  const names = problems.map((p) => `${p.channelName} (${NETWORK_LABELS[p.network]})`)
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

/** Why the post cannot be changed any more, or undefined while it can. */
function lockedReason(post: PostView | undefined): string | undefined {
  if (!post) return undefined
  if (post.status === 'cancelled') return 'This post was cancelled. Duplicate it to plan it again.'
  if (post.deliveries.some((d) => !EDITABLE_STATES.includes(d.state))) {
    return 'This post already went out, or is going out, on some channels. Duplicate it to change it.'
  }
  return undefined
}

function titleOf(post: PostView | undefined, editing: boolean): string {
  if (!editing) return 'New post'
  if (!post) return 'Edit post'
  return post.status === 'cancelled' ? 'Cancelled post' : post.status === 'draft' ? 'Edit draft' : 'Edit scheduled post'
}

type Confirm = { kind: 'discard'; then: () => void } | { kind: 'cancel-post'; post: PostView }

/** Findings that belong to the content they were made for; editing the content retires them. */
interface Verdict<T> {
  key: string
  value: T
}

/**
 * Writing a post: a new one, or a stored draft or scheduled post (`postId`). The chosen channels'
 * networks check the content as it is written, and scheduling waits until every channel would
 * take it. `onSaved` gets the stored post after it is saved, scheduled, duplicated or cancelled;
 * the composer then closes itself through `onClose`, except after duplicating, when it goes on
 * with the duplicate.
 */
export function Composer(props: { postId?: string; initialPublishAt?: number; onClose(): void; onSaved?(post: PostView): void }) {
  const { initialPublishAt, onClose, onSaved } = props
  const toast = useToast()
  const now = useNow()
  const id = useId()
  const channels = useQuery('channels:list', undefined, CHANNEL_LIST_EVENTS)
  const brands = useQuery('brands:list', undefined, ['brands:did-change'])

  const [postId, setPostId] = useState(props.postId)
  const [post, setPost] = useState<PostView>()
  const [loadError, setLoadError] = useState<string>()
  const [loadVersion, setLoadVersion] = useState(0)
  const [form, setForm] = useState<ComposeForm>(() => emptyForm(localTimeZone(), initialPublishAt))
  const [baseline, setBaseline] = useState(() => formKey(form))
  const [refused, setRefused] = useState<Verdict<ChannelProblems[]>>()
  const [saveIssues, setSaveIssues] = useState<Verdict<Partial<Record<ContentField | 'when', string>>>>()
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState<'draft' | 'scheduled' | 'duplicate'>()
  const [confirm, setConfirm] = useState<Confirm>()
  const textRef = useRef<HTMLTextAreaElement>(null)
  const bodyRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!postId) return
    let current = true
    setPost(undefined)
    setLoadError(undefined)
    const load = async (): Promise<void> => {
      const stored = await call('schedule:get-post', { postId })
      // A missing preview is no reason to refuse editing; the file name still shows.
      const preview = stored.image ? await call('schedule:get-image', { postId }).catch(() => ({ previewUrl: null })) : { previewUrl: null }
      if (!current) return
      const loaded = formFromPost(stored, preview.previewUrl)
      setPost(stored)
      setForm(loaded)
      setBaseline(formKey(loaded))
    }
    load().catch((err: unknown) => {
      if (current) setLoadError(errorMessage(err))
    })
    return () => {
      current = false
    }
  }, [postId, loadVersion])

  const editing = postId !== undefined
  const loading = (editing && !post) || !channels.data
  const locked = lockedReason(post)
  const readOnly = loading || locked !== undefined

  // What follows from the choice of channels and the time is worked out when those change, not
  // on every key typed: the fields given them are then left as drawn.
  const known = useMemo(() => new Map((channels.data ?? []).map((c) => [c.id, c])), [channels.data])
  const selected = useMemo(() => form.channelIds.filter((c) => known.has(c)), [form.channelIds, known])
  const vanished = channels.data ? form.channelIds.length - selected.length : 0
  const chosen = useMemo(() => selected.map((c) => known.get(c)).filter((c) => c !== undefined), [selected, known])
  const chosenNetworks = useMemo(() => [...new Set(chosen.map((c) => c.network))], [chosen])

  const change = useCallback((patch: Partial<ComposeForm>): void => setForm((f) => ({ ...f, ...patch })), [])
  const wall = useMemo(() => form.when ?? utcToZonedWallTime(suggestedPublishAt(now), form.timeZone), [form.when, form.timeZone, now])
  const instant = useMemo(() => zonedWallTimeToUtc(wall, form.timeZone), [wall, form.timeZone])
  const nextFree = useNextFreeSlot(selected, postId, (at) => change({ when: utcToZonedWallTime(at, form.timeZone) }))
  const timeChanged = !post || post.status === 'draft' || instant?.at !== post.publishAt

  const key = formKey(form)
  const content = readOnly ? undefined : contentOf(form, selected)
  const contentKey = JSON.stringify(content ?? null)
  const check = useContentCheck(content, post?.id)
  const issues = { ...check.issues, ...(saveIssues?.key === key ? saveIssues.value : {}) }
  const refusal = refused?.key === contentKey ? refused.value : undefined
  const problemList = useMemo(() => (refusal ?? check.problems).filter((p) => selected.includes(p.channelId)), [refusal, check.problems, selected])
  const problems = useMemo(() => new Map(problemList.map((p) => [p.channelId, p])), [problemList])
  const troubled = useMemo(() => new Set(problemList.map((p) => p.network)), [problemList])
  const troubledNames = useMemo(() => channelNames(problemList), [problemList])
  const onChannels = useCallback((channelIds: string[]) => change({ channelIds }), [change])
  const onFirstComment = useCallback((firstComment: string) => change({ firstComment }), [change])
  const onImage = useCallback((image: ComposeForm['image']) => change({ image }), [change])
  const onWall = useCallback((next: ComposeForm['when']) => change({ when: next }), [change])
  // The wall time stays put when the zone changes: "9:00 in New York" is what was meant.
  const onZone = useCallback((timeZone: string) => change({ when: wall, timeZone }), [change, wall])

  const timeError = !instant
    ? 'Pick a date and a time.'
    : timeChanged && instant.at < now - PAST_SLACK_MS
      ? 'That time has already passed. Pick a later one.'
      : issues.when

  const dirty = !loading && key !== baseline

  const scheduleBlocker =
    locked ??
    (loading
      ? 'Loading…'
      : selected.length === 0
        ? 'Choose at least one channel to schedule the post.'
        : problemList.length > 0
          ? `${troubledNames} ${problemList.length === 1 ? 'needs' : 'need'} changes before the post can be scheduled. The notes under each channel say what.`
          : issues.text || issues.link || issues.image
            ? 'Fix the fields marked in red before scheduling.'
            : timeError
              ? 'Pick a date and time from now on before scheduling.'
              : undefined)

  /** Runs `action` at once, or after the person agrees to lose what they changed. */
  function guard(action: () => void): void {
    if (dirty) setConfirm({ kind: 'discard', then: action })
    else action()
  }

  async function save(status: 'draft' | 'scheduled'): Promise<void> {
    if (busy || readOnly || (status === 'scheduled' && scheduleBlocker)) return
    setBusy(status)
    setError(undefined)
    const sent: ComposeForm = { ...form, channelIds: selected }
    const publishAt = instant?.at
    try {
      const result = post
        ? await call('schedule:update-post', updateInput(sent, post, publishAt, status))
        : await call('schedule:create-post', createInput(sent, publishAt, status === 'draft'))
      if (!result.post) {
        setRefused({ key: contentKey, value: result.problems })
        setBusy(undefined)
        return
      }
      const saved = result.post
      const count = plural(saved.channelIds.length, 'channel', 'channels')
      const message =
        status === 'scheduled' && saved.publishAt !== null
          ? `Scheduled for ${formatInZone(saved.publishAt, saved.timeZone)} on ${count}.`
          : `Draft saved.${result.problems.length > 0 ? ` ${plural(result.problems.length, 'channel needs', 'channels need')} changes before it can be scheduled.` : ''}`
      toast.show({ message })
      onSaved?.(saved)
      onClose()
    } catch (err) {
      const byField: Partial<Record<ContentField | 'when', string>> = err instanceof IpcError ? fieldIssues(err) : {}
      const when = err instanceof IpcError ? (err.issueFor('publishAt') ?? err.issueFor('timeZone')) : undefined
      if (when) byField.when = when
      setSaveIssues({ key, value: byField })
      // Field problems show at their fields; anything else is said once, here.
      const mapped = err instanceof IpcError && err.issues.length > 0 && err.issues.length === Object.keys(byField).length
      setError(mapped ? 'Not saved: fix the fields marked in red.' : errorMessage(err))
      setBusy(undefined)
    }
  }

  function duplicate(source: PostView): void {
    guard(() => {
      setBusy('duplicate')
      setError(undefined)
      call('schedule:duplicate-post', { postId: source.id })
        .then((copy) => {
          toast.show({ message: 'Duplicated as a new draft. Pick a time and schedule it.' })
          onSaved?.(copy)
          setRefused(undefined)
          setSaveIssues(undefined)
          setPostId(copy.id)
        })
        .catch((err: unknown) => setError(errorMessage(err)))
        .finally(() => setBusy(undefined))
    })
  }

  async function cancelPost(target: PostView): Promise<void> {
    const cancelled = await call('schedule:cancel-post', { postId: target.id })
    const published = cancelled.deliveries.filter((d) => d.state === 'published').length
    toast.show({
      message:
        published > 0
          ? `Post cancelled. It stays on the ${plural(published, 'channel', 'channels')} it was already published on.`
          : 'Post cancelled. It will not be published.',
    })
    onSaved?.(cancelled)
    onClose()
  }

  const requestClose = (): void => guard(onClose)

  // Ctrl+Enter (⌘+Enter on macOS) schedules from anywhere in the composer, the text box included.
  const scheduleRef = useRef<() => void>(() => undefined)
  scheduleRef.current = () => void save('scheduled')
  useEffect(() => {
    const dialog = bodyRef.current?.closest('dialog')
    if (!dialog) return
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Enter' || !(isMac ? event.metaKey : event.ctrlKey) || event.altKey || event.shiftKey) return
      event.preventDefault()
      scheduleRef.current()
    }
    dialog.addEventListener('keydown', onKeyDown)
    return () => dialog.removeEventListener('keydown', onKeyDown)
  }, [])

  const footer = (
    <>
      {post && post.status !== 'cancelled' && (
        <Button variant="ghost" className="button--danger-text" onClick={() => setConfirm({ kind: 'cancel-post', post })} disabled={busy !== undefined}>
          Cancel post
        </Button>
      )}
      {post && (
        <Button variant="ghost" onClick={() => duplicate(post)} disabled={busy !== undefined}>
          <Icon name="copy" size={14} />
          {busy === 'duplicate' ? 'Duplicating…' : 'Duplicate'}
        </Button>
      )}
      <span id={`${id}-blocker`} className="dialog__actions-meta composer__blocker" aria-live="polite">
        {scheduleBlocker && !loading ? scheduleBlocker : !loading && `${isMac ? '⌘' : 'Ctrl'}+Enter schedules`}
      </span>
      <Button onClick={() => void save('draft')} disabled={busy !== undefined || readOnly}>
        {busy === 'draft' ? 'Saving…' : 'Save draft'}
      </Button>
      <Button
        variant="primary"
        onClick={() => void save('scheduled')}
        disabled={busy !== undefined || scheduleBlocker !== undefined}
        aria-describedby={`${id}-blocker`}
        aria-keyshortcuts={isMac ? 'Meta+Enter' : 'Control+Enter'}
      >
        <Icon name="schedule" size={14} />
        {busy === 'scheduled' ? 'Scheduling…' : 'Schedule'}
      </Button>
    </>
  )

  return (
    <>
      <Dialog title={titleOf(post, editing)} onClose={requestClose} size="lg" className="composer" initialFocus={textRef} footer={footer} light covers>
        <div ref={bodyRef} className="composer__layout">
          {loadError && (
            <ErrorNotice
              message={loadError}
              onRetry={() => {
                setLoadError(undefined)
                setLoadVersion((v) => v + 1)
              }}
            />
          )}
          {loading && !loadError && <Loading label={editing ? 'Loading the post…' : 'Loading channels…'} />}
          {locked && (
            <p className="inline-warning">
              <Icon name="info" size={16} />
              {locked}
            </p>
          )}

          <section className="composer__content" aria-label="Post">
            <PostTextField
              id={id}
              text={form.text}
              networkTexts={form.networkTexts}
              networks={chosenNetworks}
              troubled={troubled}
              readOnly={readOnly}
              error={issues.text}
              link={form.link}
              hasImage={form.image !== null}
              textRef={textRef}
              onChange={change}
            />

            <div className="form-field">
              <label htmlFor={`${id}-link`} className="form-field__label">
                Link <span className="composer__optional">optional</span>
              </label>
              <input
                id={`${id}-link`}
                className="input"
                type="url"
                inputMode="url"
                autoComplete="off"
                placeholder="https://"
                value={form.link}
                readOnly={readOnly}
                aria-invalid={issues.link ? true : undefined}
                aria-describedby={issues.link ? `${id}-link-error` : undefined}
                onChange={(e) => change({ link: e.target.value })}
              />
              {issues.link && (
                <p id={`${id}-link-error`} className="field-error" role="alert">
                  {issues.link}
                </p>
              )}
            </div>

            <FirstCommentField value={form.firstComment} networks={chosenNetworks} readOnly={readOnly} onChange={onFirstComment} />

            <ImageField image={form.image} issue={issues.image} readOnly={readOnly} networks={chosenNetworks} onChange={onImage} />

            <WhenFields
              wall={wall}
              zone={form.timeZone}
              instant={instant}
              error={timeError}
              now={now}
              readOnly={readOnly}
              nextFree={nextFree}
              onWall={onWall}
              onZone={onZone}
            />
          </section>

          <section className="composer__targets" aria-labelledby={`${id}-channels`} aria-busy={check.checking}>
            <h3 id={`${id}-channels`} className="composer__heading">
              Channels <span className="composer__heading-meta">{selected.length > 0 ? `${selected.length} chosen` : ''}</span>
            </h3>
            {channels.error && !channels.data && <ErrorNotice message={channels.error} onRetry={channels.reload} />}
            {channels.data && channels.data.length === 0 && <p className="muted-note">No channels yet. Connect a profile on the Channels page first.</p>}
            {vanished > 0 && (
              <p className="inline-warning">
                <Icon name="alert" size={16} />
                {plural(vanished, 'channel', 'channels')} this post was planned for no longer {vanished === 1 ? 'exists' : 'exist'} in Relink and{' '}
                {vanished === 1 ? 'is' : 'are'} left out.
              </p>
            )}
            {channels.data && (
              <fieldset className="composer__channel-set" disabled={readOnly}>
                <legend className="visually-hidden">Channels to publish to</legend>
                <ChannelSelect channels={channels.data} brands={brands.data ?? NONE} selected={selected} problems={problems} onChange={onChannels} />
              </fieldset>
            )}
            {check.error && <ErrorNotice message={`The networks’ rules could not be checked: ${check.error}`} />}

            <h3 className="composer__heading">Preview</h3>
            <ChannelPreviews channels={chosen} form={form} problems={problems} />
          </section>

          {refusal && <ErrorNotice message="Not scheduled: the channels marked below would refuse the post. Nothing was saved." />}
          {error && <ErrorNotice message={error} />}
        </div>
      </Dialog>

      {/* Outside the page, which the composer covers and which is not drawn meanwhile. */}
      {confirm &&
        createPortal(
          confirm.kind === 'discard' ? (
            <ConfirmDialog title="Discard your changes?" confirmLabel="Discard changes" onConfirm={async () => confirm.then()} onClose={() => setConfirm(undefined)}>
              <p>The changes you made to this post are not saved yet.</p>
            </ConfirmDialog>
          ) : (
            <ConfirmDialog title="Cancel this post?" confirmLabel="Cancel post" onConfirm={() => cancelPost(confirm.post)} onClose={() => setConfirm(undefined)}>
              <p>Relink skips every delivery of this post that has not been published yet. Anything already published stays on its network.</p>
              <p>To plan it again later, duplicate it.</p>
            </ConfirmDialog>
          ),
          document.body,
        )}
    </>
  )
}
