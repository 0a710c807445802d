/**
 * Bundled into every crash-harness child (bundleChild injects it): the child ends when the process
 * that started it is gone. The harness's kill timers live in the test's worker; a worker torn down
 * mid-test used to leave its child running on for many minutes, holding a CPU the rest of the
 * suite needed. A worker thread watches, so a child busy in a synchronous loop ends all the same,
 * and it is unref'd, so it never keeps a child alive that would have ended.
 */
import { Worker } from 'node:worker_threads'

const WATCH = `
const { workerData } = require('node:worker_threads')
setInterval(() => {
  if (process.ppid !== workerData) process.kill(process.pid, 'SIGKILL')
}, 250)
`

new Worker(WATCH, { eval: true, workerData: process.ppid }).unref()
