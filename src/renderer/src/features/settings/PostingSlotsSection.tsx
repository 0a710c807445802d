import { useId, useMemo, useState } from 'react'
import { ChannelField } from '../../components/ChannelField'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Loading } from '../../components/Loading'
import { CHANNEL_LIST_EVENTS } from '../../lib/channel-events'
import { useQuery } from '../../lib/use-query'
import { ChannelSlotsEditor } from './ChannelSlotsEditor'
import { SettingsSection } from './SettingsSection'

const plural = (n: number): string => (n === 1 ? '1 slot' : `${n} slots`)

/** The times each channel usually posts at, which "Next free slot" and the week calendar use. */
export function PostingSlotsSection() {
  const id = useId()
  const channels = useQuery('channels:list', undefined, CHANNEL_LIST_EVENTS)
  const sets = useQuery('slots:list', undefined, ['slots:did-change', 'channels:did-change'])
  const [picked, setPicked] = useState<string>()
  const list = channels.data ?? []
  const channel = list.find((c) => c.id === picked) ?? list[0]
  const byChannel = useMemo(() => new Map((sets.data ?? []).map((s) => [s.channelId, s])), [sets.data])
  const setOf = (channelId: string) => byChannel.get(channelId)

  return (
    <SettingsSection
      title="Posting slots"
      description="The times each channel usually posts at. “Next free slot” in the composer picks the first one no post has taken yet, and the week calendar marks them."
    >
      {(channels.error ?? sets.error) && !(channels.data && sets.data) && (
        <ErrorNotice
          message={channels.error ?? sets.error ?? ''}
          onRetry={() => {
            channels.reload()
            sets.reload()
          }}
        />
      )}
      {!(channels.data && sets.data) && !(channels.error ?? sets.error) && <Loading label="Loading posting slots…" />}
      {channels.data && sets.data && list.length === 0 && <p className="muted-note">Connect a channel first; its posting slots are set here.</p>}
      {channel && sets.data && (
        <>
          <div className="form-field slot-channel">
            <label htmlFor={`${id}-channel`} className="form-field__label">
              Channel
            </label>
            <ChannelField id={`${id}-channel`} channels={list} chosen={channel} detail={(c) => plural(setOf(c.id)?.slots.length ?? 0)} onPick={(c) => c && setPicked(c.id)} />
          </div>
          <ChannelSlotsEditor key={channel.id} channel={channel} set={setOf(channel.id)} others={list.filter((c) => c.id !== channel.id)} />
        </>
      )}
    </SettingsSection>
  )
}
