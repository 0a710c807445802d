/**
 * Every write to a network: claim, intent, call, outcome, reconcile. The contract is documented
 * in `types.ts`; the runner in `run.ts`; failure classification in `outcome.ts`.
 */
export type {
  AttemptClose,
  AttemptKind,
  Disposition,
  IntentConnections,
  IntentOptions,
  IntentPhase,
  IntentRow,
  IntentRunnerDeps,
  IntentStore,
  IntentWords,
  LookupResult,
  OpenedWrite,
} from './types'
export { createIntentRunner, isPassing, rawForLog, type IntentRunner, type Verdict } from './run'
export { classifyOutcome, isTokenReason, neverConnected, type WriteOutcome } from './outcome'
export { backoffMs, seededRandom } from './backoff'
export { DEFAULT_INTENT_OPTIONS } from './types'
