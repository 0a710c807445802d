import { METRIC_LABELS, POST_ORIGIN_LABELS, postOrigin, postValue, type PostMetric, type PostsReport } from '../../../../shared/domain/analytics'
import { NETWORK_LABELS } from '../../../../shared/domain/network'
import { NetworkMark } from '../../components/NetworkMark'
import { useDeliveryOpenRequest } from '../schedule/open-request-context'
import { dateFormat } from '../../lib/locale'

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 })
const published = dateFormat({ day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })

/**
 * The range's posts ranked by one metric: each with its text, channel, time and origin, Relink's own
 * post one click away in the Schedule and the network's page in the browser. A column header
 * ranks by its metric; again, the other way round.
 */
export function TopPostsTable({ report, onSort }: { report: PostsReport; onSort(metric: PostMetric, direction: 'desc' | 'asc'): void }) {
  const { open } = useDeliveryOpenRequest()
  const columns = report.metrics.includes(report.sortBy) ? report.metrics : [report.sortBy, ...report.metrics]
  return (
    // Scrolls sideways in a narrow window; focusable so the keyboard can scroll it too.
    <div className="top-posts__scroll" role="group" aria-label="Ranked posts" tabIndex={0}>
      <table className="top-posts">
        <caption className="visually-hidden">
          Posts ranked by {METRIC_LABELS[report.sortBy].toLowerCase()}, {report.direction === 'desc' ? 'highest' : 'lowest'} first
        </caption>
        <thead>
          <tr>
            <th scope="col">Post</th>
            {columns.map((m) => {
              const sorted = m === report.sortBy
              return (
                <th key={m} scope="col" className="num" aria-sort={sorted ? (report.direction === 'desc' ? 'descending' : 'ascending') : 'none'}>
                  <button
                    type="button"
                    className="top-posts__sort"
                    onClick={() => onSort(m, sorted && report.direction === 'desc' ? 'asc' : 'desc')}
                    title={`Rank by ${METRIC_LABELS[m].toLowerCase()}`}
                  >
                    <span aria-hidden="true" className="top-posts__arrow">
                      {sorted ? (report.direction === 'desc' ? '↓' : '↑') : ''}
                    </span>
                    {METRIC_LABELS[m]}
                  </button>
                </th>
              )
            })}
          </tr>
        </thead>
        <tbody>
          {report.posts.map((p) => (
            <tr key={`${p.channelId}-${p.networkPostId}`}>
              <td className="top-posts__post">
                <span className="top-posts__text">{p.excerpt || 'No text'}</span>
                <span className="top-posts__meta">
                  <NetworkMark network={p.network} size="sm" />
                  <span className="top-posts__channel">{p.channelName}</span>
                  <span className="top-posts__when">{published(p.publishedAt)}</span>
                  <span className={`origin-mark origin-mark--${postOrigin(p)}`}>{POST_ORIGIN_LABELS[postOrigin(p)]}</span>
                </span>
                <span className="top-posts__links">
                  {p.deliveryId !== null && (
                    <button type="button" className="top-posts__link" onClick={() => open(p.deliveryId ?? 0)}>
                      Open in Relink
                    </button>
                  )}
                  {p.url && (
                    <a className="top-posts__link" href={p.url} target="_blank" rel="noreferrer">
                      View on {NETWORK_LABELS[p.network]}
                    </a>
                  )}
                </span>
              </td>
              {columns.map((m) => {
                const v = postValue(p, m)
                return (
                  <td key={m} className="num">
                    {v === null ? <span aria-label="not reported">—</span> : number.format(v)}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
