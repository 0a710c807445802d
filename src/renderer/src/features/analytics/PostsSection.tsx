import { useState, type ReactNode } from 'react'
import { METRIC_LABELS, type AnalyticsQuery, type PostMetric } from '../../../../shared/domain/analytics'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Loading } from '../../components/Loading'
import { useQuery } from '../../lib/use-query'
import { localTimeZone } from '../schedule/composer/compose-form'
import { BestTimeHeatmap } from './BestTimeHeatmap'
import { PostOrigins } from './PostOrigins'
import { TopPostsTable } from './TopPostsTable'

export const POSTS_REFRESH_ON = ['sync:did-change', 'channels:did-change', 'brands:did-change', 'schedule:did-change'] as const
const LISTED = 10

type PostsSort = { sortBy: PostMetric; direction: 'desc' | 'asc' }
const FIRST_SORT: PostsSort = { sortBy: 'engagements', direction: 'desc' }

/** The section's question for the dashboard's `query`, sorted as the table is (at first: most engagements). */
export const postsQuery = (query: AnalyticsQuery, sort: PostsSort = FIRST_SORT) => ({ ...query, ...sort, timeZone: localTimeZone(), limit: LISTED })

/** Top posts of the range, ranked by the metric picked in the table, and the best times to post by that metric. */
export function PostsSection({ query }: { query: AnalyticsQuery }) {
  const [sort, setSort] = useState<PostsSort>(FIRST_SORT)
  const posts = useQuery('analytics:get-posts', postsQuery(query, sort), POSTS_REFRESH_ON)
  const report = posts.data
  const label = METRIC_LABELS[sort.sortBy].toLowerCase()

  let top: ReactNode
  let best: ReactNode
  let origins: ReactNode
  if (!report) {
    top = posts.error ? <ErrorNotice message={posts.error} onRetry={posts.reload} /> : <Loading label="Loading posts…" />
    origins = posts.error ? <p className="analytics-card__empty">Shown once the posts load.</p> : <Loading label="Loading posts…" />
    best = posts.error ? <p className="analytics-card__empty">Shown once the posts load.</p> : <Loading label="Loading best times…" />
  } else if (report.totalPosts === 0) {
    top = (
      <p className="analytics-card__empty">
        No posts were published on these channels in this period. Posts published from the Schedule or elsewhere are listed here with their reach and engagement as
        the networks report them.
      </p>
    )
    best = <p className="analytics-card__empty">The best times to post show once there are posts in the period.</p>
    origins = <p className="analytics-card__empty">Posts through Relink and posts published elsewhere are compared once there are posts in the period.</p>
  } else {
    origins = <PostOrigins origins={report.origins} />
    top = <TopPostsTable report={report} onSort={(sortBy, direction) => setSort({ sortBy, direction })} />
    best = <BestTimeHeatmap key={`${report.sortBy}-${report.timeZone}`} slots={report.bestTimes} metric={report.sortBy} timeZone={report.timeZone} />
  }
  return (
    <>
      <section className="analytics-card" aria-labelledby="post-origins-title">
        <h3 id="post-origins-title" className="analytics-card__title">
          Through Relink and elsewhere <span className="analytics-card__subtitle">· posts published in this period</span>
        </h3>
        {origins}
      </section>
      <section className="analytics-card" aria-labelledby="top-posts-title">
        <h3 id="top-posts-title" className="analytics-card__title">
          Top posts
          {report && report.totalPosts > 0 && (
            <span className="analytics-card__subtitle">
              {' '}
              · {Math.min(report.totalPosts, LISTED)} of {report.totalPosts} by {label}
              {posts.loading ? ' · updating…' : ''}
            </span>
          )}
        </h3>
        {top}
      </section>
      <section className="analytics-card" aria-labelledby="best-time-title">
        <h3 id="best-time-title" className="analytics-card__title">
          Best time to post <span className="analytics-card__subtitle">· average {label} per post</span>
        </h3>
        {best}
      </section>
    </>
  )
}
