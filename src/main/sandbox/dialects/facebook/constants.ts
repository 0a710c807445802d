/** Ids and handles of the seeded Graph world, and the Meta rules the dialect keeps (token lifetimes, quotas, insight ranges). */
import { SANDBOX_DAY_MS } from '../../world'

export const DAY = SANDBOX_DAY_MS
export const HOUR = 60 * 60 * 1000

/** Short-lived user tokens from the code exchange: "expiring in hours". */
export const SHORT_LIVED_MS = 2 * HOUR
/** Long-lived user tokens: ~60 days (`expires_in` 5,184,000 s). */
export const LONG_LIVED_MS = 60 * DAY
/** Data access lapses 90 days after the person was last active in the app. */
export const DATA_ACCESS_MS = 90 * DAY
/** Instagram's content publishing limit: 50 API-published posts per rolling 24 hours. */
export const IG_PUBLISH_QUOTA = 50
/** Page insights accept at most 93 days between since and until; Instagram account insights 30. */
export const PAGE_INSIGHTS_MAX_RANGE_S = 93 * 86_400
export const IG_INSIGHTS_MAX_RANGE_S = 30 * 86_400

const ALL_TASKS = ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MESSAGING', 'MODERATE', 'MANAGE']

/** Ids and handles of the seeded world, for tests and the demo. Everyone's password is `demo`. */
export const FACEBOOK_SEED = {
  clientId: 'relink-sandbox-facebook',
  clientSecret: 'sandbox-secret-facebook',
  appName: 'Relink (sandbox)',
  password: 'demo',
  /** The business whose use-case usage the throttling headers report. */
  businessId: '1290000000000001',
  users: {
    /** Admin of Northwind Coffee and Northwind Outlet. */
    maria: { id: '100000000000001', handle: 'maria.ortega', name: 'Maria Ortega' },
    /** Admin of Northwind Coffee (a second, backup link to it) and of Harbor Books. */
    sam: { id: '100000000000002', handle: 'sam.lee', name: 'Sam Lee' },
    /** Only moderates and analyses Northwind Outlet: fewer roles, cannot publish. */
    jo: { id: '100000000000003', handle: 'jo.park', name: 'Jo Park' },
  },
  pages: {
    coffee: { id: '104000000000001', name: 'Northwind Coffee', handle: 'northwindcoffee' },
    outlet: { id: '104000000000002', name: 'Northwind Outlet', handle: 'northwindoutlet' },
    books: { id: '104000000000003', name: 'Harbor Books', handle: 'harborbooks' },
  },
  instagram: {
    coffee: { id: '17841400000000001', username: 'northwind.coffee', name: 'Northwind Coffee', pageId: '104000000000001' },
    books: { id: '17841400000000003', username: 'harbor.books', name: 'Harbor Books', pageId: '104000000000003' },
  },
  tasks: {
    all: ALL_TASKS,
    moderator: ['ANALYZE', 'MODERATE'],
  },
} as const
