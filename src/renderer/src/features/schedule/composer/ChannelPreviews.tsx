import { useId, useRef, useState, type KeyboardEvent } from 'react'
import type { ChannelSummary } from '../../../../../shared/domain/entities'
import { NETWORK_LABELS } from '../../../../../shared/domain/network'
import type { ChannelProblems } from '../../../../../shared/domain/schedule'
import { Icon } from '../../../components/Icon'
import { NetworkMark } from '../../../components/NetworkMark'
import { textForNetwork, type ComposeForm } from './compose-form'
import { ProblemList } from './ProblemList'
import { FIRST_COMMENT_NETWORKS } from '../../../../../shared/domain/schedule'

/** Where the preview would mislead without a word: Instagram does not make caption links clickable. */
const LINK_NOTES: Partial<Record<ChannelSummary['network'], string>> = {
  instagram: 'Instagram shows the link as plain text in the caption; it cannot be clicked.',
}

function Preview({ channel, form, problems }: { channel: ChannelSummary; form: ComposeForm; problems: ChannelProblems | undefined }) {
  const link = form.link.trim()
  const text = textForNetwork(form, channel.network)
  const empty = !text.trim() && !link && !form.image
  return (
    <div className="composer-preview__card">
      <div className="composer-preview__head">
        <NetworkMark network={channel.network} />
        <span className="composer-preview__who">
          <span className="composer-preview__name">{channel.name}</span>
          <span className="composer-preview__handle">
            {NETWORK_LABELS[channel.network]}
            {channel.handle ? ` · ${channel.handle}` : ''}
          </span>
        </span>
      </div>
      {empty ? (
        <p className="composer-preview__empty">Nothing written yet.</p>
      ) : (
        <>
          {text && <p className="composer-preview__text">{text}</p>}
          {link && <p className="composer-preview__link">{link}</p>}
          {link && LINK_NOTES[channel.network] && <p className="composer-preview__note">{LINK_NOTES[channel.network]}</p>}
          {form.image &&
            (form.image.previewUrl ? (
              <img className="composer-preview__image" src={form.image.previewUrl} alt={form.image.altText.trim()} />
            ) : (
              <p className="composer-preview__note">{form.image.name} (too large to preview here)</p>
            ))}
        </>
      )}
      {form.firstComment.trim() && FIRST_COMMENT_NETWORKS.includes(channel.network) && (
        <p className="composer-preview__comment">
          <span className="composer-preview__name">{channel.name}</span> {form.firstComment.trim()}
        </p>
      )}
      {problems && <ProblemList problems={problems} />}
    </div>
  )
}

/**
 * How the post reads on each chosen channel: its name and network, the text, link and image, and
 * what the network would refuse. No counts or reactions: nothing here has been published.
 */
export function ChannelPreviews({ channels, form, problems }: { channels: readonly ChannelSummary[]; form: ComposeForm; problems: ReadonlyMap<string, ChannelProblems> }) {
  const id = useId()
  const [chosen, setChosen] = useState<string>()
  const tabs = useRef<(HTMLButtonElement | null)[]>([])
  const active = channels.find((c) => c.id === chosen) ?? channels[0]

  if (!active) return <p className="muted-note">Choose channels to see how the post will look on each.</p>

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    // Arrow keys move between tabs (WAI-ARIA tabs pattern); Tab leaves the list for the panel.
    const index = channels.findIndex((c) => c.id === active?.id)
    const last = channels.length - 1
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: last }[event.key]
    if (next === undefined) return
    event.preventDefault()
    const wrapped = next > last ? 0 : next < 0 ? last : next
    const target = channels[wrapped]
    if (!target) return
    setChosen(target.id)
    tabs.current[wrapped]?.focus()
  }

  return (
    <div className="composer-preview">
      <div className="composer-preview__tabs" role="tablist" aria-label="Preview on" onKeyDown={onKeyDown}>
        {channels.map((channel, i) => {
          const selected = channel.id === active.id
          const flagged = problems.has(channel.id)
          return (
            <button
              key={channel.id}
              ref={(el) => {
                tabs.current[i] = el
              }}
              type="button"
              role="tab"
              id={`${id}-tab-${channel.id}`}
              aria-selected={selected}
              aria-controls={`${id}-panel`}
              tabIndex={selected ? 0 : -1}
              className={`composer-preview__tab${flagged ? ' composer-preview__tab--problem' : ''}`}
              onClick={() => setChosen(channel.id)}
            >
              <NetworkMark network={channel.network} size="sm" />
              {channel.name}
              <span className="visually-hidden">
                {' '}
                on {NETWORK_LABELS[channel.network]}
                {flagged ? ', needs changes' : ''}
              </span>
              {flagged && <Icon name="alert" size={12} className="composer-preview__flag" />}
            </button>
          )
        })}
      </div>
      <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${active.id}`} className="composer-preview__panel">
        <Preview channel={active} form={form} problems={problems.get(active.id)} />
      </div>
    </div>
  )
}
