import { useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react'
import { NETWORK_LABELS, NETWORKS, type Network } from '../../../../../shared/domain/network'
import type { NetworkTexts } from '../../../../../shared/domain/schedule'
import { measureText } from '../../../../../shared/domain/text-length'
import { Button } from '../../../components/Button'
import { NetworkMark } from '../../../components/NetworkMark'

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
/** Characters as a person counts them: an emoji or an accented letter is one. */
export const characterCount = (text: string): number => [...graphemes.segment(text)].length

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

type Tab = 'all' | Network

export interface PostTextFieldProps {
  id: string
  text: string
  networkTexts: NetworkTexts
  /** The chosen channels' networks: a tab each once there are two or more. */
  networks: readonly Network[]
  /** Networks whose channels have problems with their text, marked on their tab. */
  troubled: ReadonlySet<Network>
  readOnly: boolean
  error: string | undefined
  /** The link and whether there is an image: where a network puts the link, it counts. */
  link: string
  hasImage: boolean
  textRef: RefObject<HTMLTextAreaElement | null>
  onChange(patch: { text?: string; networkTexts?: NetworkTexts }): void
}

/**
 * The post's text: one shared text, and a tab per network where it can be customised ("too long
 * for X" is fixed on X's tab without shortening it everywhere). A network without its own text
 * publishes the shared one.
 */
export function PostTextField({ id, text, networkTexts, networks, troubled, readOnly, error, link, hasImage, textRef, onChange }: PostTextFieldProps) {
  const [tab, setTab] = useState<Tab>('all')
  const tabs = useRef<(HTMLButtonElement | null)[]>([])
  const customRef = useRef<HTMLTextAreaElement>(null)
  const panelId = useId()
  const shown: Network[] = NETWORKS.filter((n) => networks.includes(n))
  const current: Tab = tab !== 'all' && shown.includes(tab) ? tab : 'all'
  const order: Tab[] = ['all', ...shown]

  function onTabKey(event: KeyboardEvent<HTMLButtonElement>, index: number): void {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    if (!step) return
    event.preventDefault()
    const next = (index + step + order.length) % order.length
    setTab(order[next] ?? 'all')
    tabs.current[next]?.focus()
  }

  const withoutNetwork = (network: Network): NetworkTexts => {
    const next = { ...networkTexts }
    delete next[network]
    return next
  }

  /**
   * Characters as each network counts them (X weighs links and emoji, Mastodon counts links as
   * 23…), against what it allows less Relink's tracking tag: the numbers the checks use.
   */
  const counter = (value: string, countId: string, counted: readonly Network[]) => {
    const trimmedLink = link.trim()
    const measures = counted.map((network) => ({
      network,
      ...measureText(network, { text: value, ...(trimmedLink ? { link: trimmedLink } : {}), hasImage }),
    }))
    return (
      <p id={countId} className="form-field__hint composer__count">
        {measures.length === 0
          ? plural(characterCount(value), 'character', 'characters')
          : measures.map(({ network, used, available }, index) => (
              <span key={network} className={used > available ? 'composer__count-over' : undefined}>
                {index > 0 && ' · '}
                {NETWORK_LABELS[network]} {used.toLocaleString()} of {available.toLocaleString()}
                {used > available && ` (${(used - available).toLocaleString()} over)`}
              </span>
            ))}
      </p>
    )
  }

  const sharedField = (
    <div className="form-field">
      <label htmlFor={`${id}-text`} className="form-field__label">
        Post text
      </label>
      <textarea
        ref={textRef}
        id={`${id}-text`}
        className="input composer-textarea"
        value={text}
        readOnly={readOnly}
        placeholder="What would you like to share?"
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-count${error ? ` ${id}-text-error` : ''}`}
        onChange={(e) => onChange({ text: e.target.value })}
      />
      {counter(
        text,
        `${id}-count`,
        shown.filter((n) => networkTexts[n] === undefined),
      )}
      {Object.keys(networkTexts).some((n) => shown.includes(n as Network)) && (
        <p className="form-field__hint">
          {shown
            .filter((n) => networkTexts[n] !== undefined)
            .map((n) => NETWORK_LABELS[n])
            .join(' and ')}{' '}
          {shown.filter((n) => networkTexts[n] !== undefined).length === 1 ? 'has' : 'have'} a text of its own.
        </p>
      )}
      {error && (
        <p id={`${id}-text-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )

  if (shown.length < 2 && !(shown[0] && networkTexts[shown[0]] !== undefined)) return sharedField

  const network = current === 'all' ? undefined : current
  const custom = network ? networkTexts[network] : undefined
  return (
    <div className="post-text">
      <div className="post-text__tabs" role="tablist" aria-label="Text for">
        {order.map((t, index) => (
          <button
            key={t}
            ref={(el) => {
              tabs.current[index] = el
            }}
            type="button"
            role="tab"
            id={`${panelId}-tab-${t}`}
            className="post-text__tab"
            aria-selected={current === t}
            aria-controls={panelId}
            tabIndex={current === t ? 0 : -1}
            onClick={() => setTab(t)}
            onKeyDown={(e) => onTabKey(e, index)}
          >
            {t === 'all' ? (
              'All networks'
            ) : (
              <>
                <NetworkMark network={t} size="sm" />
                {NETWORK_LABELS[t]}
                {networkTexts[t] !== undefined && <span className="post-text__badge">own text</span>}
                {troubled.has(t) && (
                  <>
                    <span className="post-text__dot" aria-hidden="true" />
                    <span className="visually-hidden">, needs changes</span>
                  </>
                )}
              </>
            )}
          </button>
        ))}
      </div>
      <div id={panelId} role="tabpanel" aria-labelledby={`${panelId}-tab-${current}`} className="post-text__panel">
        {!network ? (
          sharedField
        ) : custom === undefined ? (
          <div className="post-text__inherit">
            <p className="form-field__hint">{NETWORK_LABELS[network]} publishes the shared text.</p>
            <p className="post-text__quote">{text || 'Nothing written yet.'}</p>
            <Button
              size="sm"
              disabled={readOnly}
              onClick={() => {
                onChange({ networkTexts: { ...networkTexts, [network]: text } })
                // Focus the new field once it is there.
                requestAnimationFrame(() => customRef.current?.focus())
              }}
            >
              Customise for {NETWORK_LABELS[network]}
            </Button>
          </div>
        ) : (
          <div className="form-field">
            <label htmlFor={`${id}-text-${network}`} className="form-field__label">
              Text for {NETWORK_LABELS[network]}
            </label>
            <textarea
              ref={customRef}
              id={`${id}-text-${network}`}
              className="input composer-textarea"
              value={custom}
              readOnly={readOnly}
              aria-describedby={`${id}-count-${network}`}
              onChange={(e) => onChange({ networkTexts: { ...networkTexts, [network]: e.target.value } })}
            />
            {counter(custom, `${id}-count-${network}`, [network])}
            <Button size="sm" variant="ghost" disabled={readOnly} onClick={() => onChange({ networkTexts: withoutNetwork(network) })}>
              Use the shared text
            </Button>
          </div>
        )}
      </div>
    </div>
  )
}
