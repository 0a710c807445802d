import { MIGRATIONS, type Migration } from '../../../src/main/db/migrations'
import { m0003Scheduler } from '../../../src/main/db/migrations/0003_scheduler'

/** Every migration up to the scheduler's, whether or not the app's list registers 0003 yet. */
export const SCHEDULER_MIGRATIONS: readonly Migration[] = MIGRATIONS.some((m) => m.version === m0003Scheduler.version) ? MIGRATIONS : [...MIGRATIONS, m0003Scheduler]
