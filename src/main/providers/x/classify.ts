import { bodyObject, classifyGeneric, num, obj, retryAfterFromHeaders, str, withWait, type JsonObject } from '../classify-common'
import type { ClassifiedFailure, ProviderFailure } from '../types'
import { X_ERROR_TABLE, X_LABEL, type XErrorMatch } from './config'

/** The parts of an X error body the table matches on, whatever shape arrived. */
interface XErrorFacts {
  oauthError?: string
  problemTypes: string[]
  texts: string[]
  legacyCodes: number[]
  bareForbidden: boolean
}

/** `https://api.twitter.com/2/problems/usage-capped` and the api.x.com form both give `usage-capped`. */
function problemName(type: string | undefined): string | undefined {
  if (!type) return undefined
  const match = /\/2\/problems\/([a-z0-9-]+)\/?$/i.exec(type)
  return match?.[1]?.toLowerCase()
}

function factsOf(body: unknown): XErrorFacts {
  const o = bodyObject(body)
  if (!o) {
    // HTML or garbage: only its words can say anything.
    return { problemTypes: [], texts: typeof body === 'string' ? [body] : [], legacyCodes: [], bareForbidden: false }
  }
  const nested = Array.isArray(o.errors) ? o.errors.map(obj).filter((e): e is JsonObject => e !== undefined) : []
  const problems = [o, ...nested]
  const texts: string[] = []
  for (const p of problems) {
    for (const key of ['detail', 'title', 'message', 'error_description', 'reason']) {
      const value = str(p[key])
      if (value) texts.push(value)
    }
  }
  const detail = str(o.detail)?.trim()
  const type = str(o.type)
  return {
    oauthError: str(o.error),
    problemTypes: problems.map((p) => problemName(str(p.type))).filter((t): t is string => t !== undefined),
    texts,
    legacyCodes: nested.map((e) => num(e.code)).filter((c): c is number => c !== undefined),
    bareForbidden: (type === undefined || type === 'about:blank') && (detail === undefined || /^forbidden\.?$/i.test(detail)) && str(o.error) === undefined,
  }
}

function matches(m: XErrorMatch, failure: ProviderFailure, facts: XErrorFacts): boolean {
  if (m.source && failure.source !== m.source) return false
  if (m.status && (failure.status === undefined || !m.status.includes(failure.status))) return false
  if (m.oauthError && (facts.oauthError === undefined || !m.oauthError.includes(facts.oauthError))) return false
  if (m.problemType && !facts.problemTypes.some((t) => m.problemType?.includes(t))) return false
  if (m.text && !facts.texts.some((t) => m.text?.test(t))) return false
  if (m.legacyCode && !facts.legacyCodes.some((c) => m.legacyCode?.includes(c))) return false
  if (m.bareForbidden && !(facts.bareForbidden && bodyObject(failure.body) !== undefined)) return false
  return true
}

/**
 * X's error table (config.ts, PROVIDERS.md): maps any failed exchange with X to one reason of the
 * taxonomy. Transport failures and 5xx are transient before anything else; the table decides the
 * rest; what it does not know falls to the generic OAuth rules (RFC 6749 §5.2, RFC 6750 §3.1).
 */
export function classifyX(failure: ProviderFailure, nowMs?: number): ClassifiedFailure {
  const status = failure.status ?? 0
  if (failure.source === 'transport' || status >= 500 || status === 408) return classifyGeneric(X_LABEL, failure, nowMs)
  const facts = factsOf(failure.body)
  for (const rule of X_ERROR_TABLE) {
    if (!matches(rule.match, failure, facts)) continue
    const classified: ClassifiedFailure = { reason: rule.reason, detail: rule.detail, ...(rule.duplicate ? { duplicate: true } : {}) }
    return rule.wait ? withWait(classified, retryAfterFromHeaders(failure.headers, nowMs)) : classified
  }
  return classifyGeneric(X_LABEL, failure, nowMs)
}
