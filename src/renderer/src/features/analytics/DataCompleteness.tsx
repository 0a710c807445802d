import type { Dashboard } from '../../../../shared/domain/analytics'
import { NETWORK_LABELS } from '../../../../shared/domain/network'
import { NetworkMark } from '../../components/NetworkMark'
import { gapSentence } from './gap-copy'

/** Every period without data in the range, in plain words, and metrics a network refused. */
export function DataCompleteness({ dashboard }: { dashboard: Dashboard }) {
  const { gaps, definitionChanges, unavailable } = dashboard
  const names = new Map(dashboard.channels.map((c) => [c.id, c.name]))
  return (
    <section className="completeness" aria-labelledby="completeness-title">
      <h3 id="completeness-title" className="completeness__title">
        Data completeness
      </h3>
      {gaps.length === 0 && definitionChanges.length === 0 && unavailable.length === 0 ? (
        <p className="completeness__ok">Every day of this period was read from every channel.</p>
      ) : (
        <ul className="completeness__list">
          {gaps.map((g) => (
            <li key={g.id} className={`completeness__item completeness__item--${g.state}`}>
              <NetworkMark network={g.network} size="sm" />
              <span>
                <strong>
                  {g.channelName} ({NETWORK_LABELS[g.network]})
                </strong>
                : {gapSentence(g)}
                {g.lostNote ? <span className="completeness__note"> {g.lostNote}</span> : null}
              </span>
            </li>
          ))}
          {definitionChanges.map((c) => (
            <li key={`${c.network}-${c.from}`} className="completeness__item completeness__item--change">
              <NetworkMark network={c.network} size="sm" />
              <span>
                Definition changed on {c.day}: {c.note} ({c.from} → {c.to ?? 'retired'})
              </span>
            </li>
          ))}
          {unavailable.map((u) => (
            <li key={`${u.channelId}-${u.source}`} className="completeness__item completeness__item--refused">
              <span>
                <strong>{names.get(u.channelId) ?? 'A channel'}</strong>: the network no longer serves “{u.source}”; Relink stopped asking for it and reads the rest.
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
