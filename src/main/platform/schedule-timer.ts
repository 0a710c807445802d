import { scheduleJob, type Job } from 'node-schedule'
import type { Timer } from '../ports'

/**
 * `Timer` over node-schedule. A time already past fires on the next turn of the event loop
 * (node-schedule would silently drop it), so a caller that re-arms for an overdue item still runs.
 * It is one wake-up per call, not a queue: callers re-arm on resume and clock changes, because
 * timers drift across sleep.
 */
export function createScheduleTimer(): Timer {
  return {
    at(whenMs, callback) {
      // Typed as always returning a Job, but node-schedule returns null for a date in the past.
      const job: Job | null = scheduleJob(new Date(whenMs), () => callback())
      if (job) return { cancel: () => void job.cancel() }
      const overdue = setImmediate(callback)
      return { cancel: () => clearImmediate(overdue) }
    },
  }
}
