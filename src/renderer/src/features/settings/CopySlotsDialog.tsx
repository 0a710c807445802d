import { useMemo, useState } from 'react'
import type { ChannelSummary } from '../../../../shared/domain/entities'
import { NETWORK_LABELS } from '../../../../shared/domain/network'
import { Button } from '../../components/Button'
import { Dialog } from '../../components/Dialog'
import { SearchField } from '../../components/SearchField'
import { useToast } from '../../components/use-toast'
import { call, errorMessage } from '../../lib/api'
import { matchingChannels } from '../../lib/channel-search'
import { usePageList } from '../../lib/use-page-list'

const ROW_PX = 30
/** Up to this many channels every one is in the document; an agency's hundreds are drawn as they scroll into view. */
const ALL_UP_TO = 60
/** Fewer channels than this need no search field. */
const SEARCH_FROM = 10

/** The channels to copy to, each a checkbox; only those near the visible part of the dialog are in the document. */
function CopyTargets({ channels, chosen, onToggle }: { channels: readonly ChannelSummary[]; chosen: ReadonlySet<string>; onToggle: (id: string, on: boolean) => void }) {
  const list = usePageList<HTMLUListElement>({
    count: channels.length,
    estimateSize: () => ROW_PX,
    getItemKey: (i) => channels[i]?.id ?? String(i),
    allUpTo: ALL_UP_TO,
    scroller: (element) => element.closest<HTMLElement>('.dialog__body'),
  })
  const { virtualizer } = list
  return (
    <ul ref={list.listRef} className="slot-copy" aria-label="Channels to copy to" style={{ height: virtualizer.getTotalSize() }} onFocus={list.onFocus} onBlur={list.onBlur}>
      {virtualizer.getVirtualItems().map((item) => {
        const c = channels[item.index]
        if (!c) return null
        return (
          <li
            key={item.key}
            ref={virtualizer.measureElement}
            data-index={item.index}
            aria-posinset={item.index + 1}
            aria-setsize={channels.length}
            className="slot-copy__row"
            style={{ transform: `translateY(${list.top(item.start)}px)` }}
          >
            <label className="slot-copy__option">
              <input type="checkbox" className="checkbox" checked={chosen.has(c.id)} onChange={(e) => onToggle(c.id, e.target.checked)} />
              {c.name} <span className="muted-note">{NETWORK_LABELS[c.network]}</span>
            </label>
          </li>
        )
      })}
    </ul>
  )
}

/** Gives other channels the same posting slots and time zone as `from`. */
export function CopySlotsDialog({ from, others, onClose }: { from: ChannelSummary; others: readonly ChannelSummary[]; onClose(): void }) {
  const toast = useToast()
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set())
  const [query, setQuery] = useState('')
  const [busy, setBusy] = useState(false)
  const shown = useMemo(() => matchingChannels(others, query), [others, query])

  async function copy(): Promise<void> {
    setBusy(true)
    try {
      const copied = await call('slots:copy-channel', { fromChannelId: from.id, toChannelIds: [...chosen] })
      toast.show({ message: `Copied the posting slots of ${from.name} to ${copied.length === 1 ? '1 channel' : `${copied.length} channels`}.` })
      onClose()
    } catch (err) {
      toast.show({ message: errorMessage(err), tone: 'danger' })
      setBusy(false)
    }
  }

  const toggle = (id: string, on: boolean): void =>
    setChosen((now) => {
      const next = new Set(now)
      if (on) next.add(id)
      else next.delete(id)
      return next
    })

  return (
    <Dialog
      title={`Copy the posting slots of ${from.name}`}
      description="The channels you pick get the same times and time zone; the slots they had are replaced."
      onClose={onClose}
      footer={
        <>
          {chosen.size > 0 && <span className="muted-note slot-copy__count">{chosen.size === 1 ? '1 channel chosen' : `${chosen.size} channels chosen`}</span>}
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" disabled={busy || chosen.size === 0} onClick={() => void copy()}>
            {busy ? 'Copying…' : 'Copy slots'}
          </Button>
        </>
      }
    >
      {others.length >= SEARCH_FROM && <SearchField label="Find a channel" placeholder={`Find among ${others.length} channels`} value={query} onChange={setQuery} />}
      {shown.length === 0 && <p className="muted-note">No channel matches “{query.trim()}”.</p>}
      <CopyTargets channels={shown} chosen={chosen} onToggle={toggle} />
    </Dialog>
  )
}
