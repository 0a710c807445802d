import { useId, useState } from 'react'
import { RELEASE_CHOICES, type DeliveryView, type ReleaseChoice } from '../../../../../shared/domain/schedule'
import { NETWORK_LABELS } from '../../../../../shared/domain/network'
import { useNow } from '../../../app/now-context'
import { Button } from '../../../components/Button'
import { Dialog } from '../../../components/Dialog'
import { ErrorNotice } from '../../../components/ErrorNotice'
import { NetworkMark } from '../../../components/NetworkMark'
import { useToast } from '../../../components/use-toast'
import { call } from '../../../lib/api'
import { useSubmit } from '../../../lib/use-submit'
import { formatDateTime, formatRelative } from '../../../lib/time'
import type { HeldBatch } from './held-batch'
import { heldWhy, keptAllWords, releaseOutcome, RELEASE_CHOICE_LABELS } from './release-copy'
import './release.css'

const MIXED = 'mixed'

function ChoiceOptions() {
  return RELEASE_CHOICES.map((choice) => (
    <option key={choice} value={choice}>
      {RELEASE_CHOICE_LABELS[choice]}
    </option>
  ))
}

function HeldRow({ delivery, choice, onChoose }: { delivery: DeliveryView; choice: ReleaseChoice; onChoose: (choice: ReleaseChoice) => void }) {
  const now = useNow()
  const selectId = useId()
  const due = formatDateTime(delivery.dueAt)
  const why = heldWhy(delivery)
  return (
    <li className="held-row" aria-label={`${delivery.channelName}, ${due}`}>
      <NetworkMark network={delivery.network} size="sm" />
      <div className="held-row__text">
        <p className="held-row__head">
          <span className="held-row__channel">{delivery.channelName}</span>
          <span className="held-row__due">
            {due} · {formatRelative(delivery.dueAt, now)}
          </span>
        </p>
        <p className="held-row__preview">{delivery.preview || 'No text'}</p>
        {why && <p className="held-row__why">Held: {why}</p>}
      </div>
      <label className="held-row__choice" htmlFor={selectId}>
        <span className="visually-hidden">
          What to do with the {NETWORK_LABELS[delivery.network]} post on {delivery.channelName}, due {due}
        </span>
        <select id={selectId} className="select" value={choice} onChange={(event) => onChoose(event.target.value as ReleaseChoice)}>
          <ChoiceOptions />
        </select>
      </label>
    </li>
  )
}

/**
 * Offers the posts held while a channel had no working connection, once it works again: publish
 * each now, move it to the next free slot, keep it held or skip it. Closing (Escape included)
 * keeps every post held, so nothing is lost by dismissing it.
 */
export function ReleaseHeldDialog({ batch, lead, onClose }: { batch: HeldBatch; lead?: string; onClose: () => void }) {
  const toast = useToast()
  const now = useNow()
  const allId = useId()
  const [forAll, setForAll] = useState<ReleaseChoice>('publish_now')
  const [choices, setChoices] = useState<Readonly<Record<number, ReleaseChoice>>>({})
  const { busy, error, submit } = useSubmit()
  const rows = batch.deliveries
  // Rows that arrive later (another reconnect) start with the choice made for all.
  const choiceOf = (id: number): ReleaseChoice => choices[id] ?? forAll
  const first = rows[0] ? choiceOf(rows[0].id) : forAll
  const shared = rows.every((d) => choiceOf(d.id) === first) ? first : MIXED

  function keepAll(): void {
    if (busy) return
    toast.show({ message: keptAllWords(rows.length) })
    onClose()
  }

  const release = (): Promise<void> =>
    submit(async () => {
      const result = await call('schedule:release-held', {
        channelIds: batch.channelIds,
        choices: Object.fromEntries(rows.map((d) => [String(d.id), choiceOf(d.id)])),
      })
      toast.show({ message: releaseOutcome(result, now) })
      onClose()
    })

  return (
    <Dialog
      title="Release held posts"
      description={`${lead ? `${lead} ` : ''}${
        rows.length === 1 ? 'This post waited while its channel' : `These ${rows.length} posts waited while their channels`
      } had no working connection. Choose what happens to each; closing keeps them held.`}
      onClose={keepAll}
      // Closing keeps every post held: a click beside the dialog must not decide that.
      dismissOnBackdrop={false}
      size="lg"
      className="release-dialog"
      footer={
        <>
          <Button onClick={keepAll} disabled={busy}>
            Keep all held
          </Button>
          <Button variant="primary" onClick={() => void release()} disabled={busy}>
            {busy ? 'Releasing…' : 'Release posts'}
          </Button>
        </>
      }
    >
      <div className="release-dialog__all">
        <label htmlFor={allId}>For every post</label>
        <select
          id={allId}
          className="select"
          value={shared}
          onChange={(event) => {
            setForAll(event.target.value as ReleaseChoice)
            setChoices({})
          }}
        >
          {shared === MIXED && (
            <option value={MIXED} disabled>
              Different choices
            </option>
          )}
          <ChoiceOptions />
        </select>
      </div>
      <ul className="boxed-list held-list" aria-label="Held posts">
        {rows.map((delivery) => (
          <HeldRow
            key={delivery.id}
            delivery={delivery}
            choice={choiceOf(delivery.id)}
            onChoose={(choice) => setChoices((current) => ({ ...current, [delivery.id]: choice }))}
          />
        ))}
      </ul>
      {error && <ErrorNotice message={error} />}
    </Dialog>
  )
}
