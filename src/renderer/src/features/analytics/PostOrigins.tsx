import { POST_ORIGIN_LABELS, type OriginSummary } from '../../../../shared/domain/analytics'

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 })
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 })

const average = (value: number | null): string => (value === null ? '—' : number.format(value))

/** The range's posts through Relink against those published elsewhere: how many, their share, what an average post got. */
export function PostOrigins({ origins }: { origins: readonly OriginSummary[] }) {
  return (
    <table className="top-posts post-origins">
      <caption className="visually-hidden">Posts published through Relink and elsewhere in this period</caption>
      <thead>
        <tr>
          <th scope="col">Published</th>
          <th scope="col" className="num">
            Posts
          </th>
          <th scope="col" className="num">
            Share
          </th>
          <th scope="col" className="num">
            Engagements per post
          </th>
          <th scope="col" className="num">
            Views per post
          </th>
        </tr>
      </thead>
      <tbody>
        {origins.map((o) => (
          <tr key={o.origin}>
            <th scope="row">
              <span className={`origin-mark origin-mark--${o.origin}`}>{POST_ORIGIN_LABELS[o.origin]}</span>
            </th>
            <td className="num">{number.format(o.posts)}</td>
            <td className="num">{percent.format(o.share)}</td>
            <td className="num">{average(o.engagementsPerPost)}</td>
            <td className="num">{average(o.viewsPerPost)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
