import { useEffect, useState } from 'react'
import type { ChannelProblems } from '../../../../../shared/domain/schedule'
import { call, errorMessage, IpcError } from '../../../lib/api'
import type { ContentInput } from './compose-form'

/** Long enough that typing does not ask main on every key, short enough to feel live. */
export const CHECK_DELAY_MS = 250

export type ContentField = 'text' | 'link' | 'image'

export interface ContentCheck {
  /** What each chosen channel's network would refuse, from the last finished check. */
  problems: ChannelProblems[]
  /** Content main refused outright (a link without https://), by field. */
  issues: Partial<Record<ContentField, string>>
  /** The check itself failed (not the content). */
  error: string | undefined
  checking: boolean
}

const IDLE: ContentCheck = { problems: [], issues: {}, error: undefined, checking: false }

/** The field an issue path such as `image.altText` belongs to. */
export function fieldOf(path: string): ContentField | undefined {
  const head = path.split('.')[0]
  return head === 'text' || head === 'link' || head === 'image' ? head : undefined
}

/** Issues keyed by field; those about other inputs are left for the caller's general notice. */
export function fieldIssues(err: IpcError): Partial<Record<ContentField, string>> {
  const out: Partial<Record<ContentField, string>> = {}
  for (const issue of err.issues) {
    const field = fieldOf(issue.path)
    if (field) out[field] ??= issue.message
  }
  return out
}

async function check(input: ContentInput, storedImagePath: string | undefined): Promise<ChannelProblems[]> {
  try {
    return await call('schedule:check-content', input)
  } catch (err) {
    // A saved post's image is checked from its file, which main may not read (it reads only files
    // its dialog returned since it started) or which may be gone; saving uses the stored copy, and
    // weighs it then. Check the rest meanwhile.
    const stored = err instanceof IpcError && storedImagePath !== undefined && input.image?.path === storedImagePath
    if (!stored) throw err
    const { image: _image, ...rest } = input
    const problems = await call('schedule:check-content', rest)
    return problems.map((p) => ({ ...p, problems: p.problems.filter((q) => q.field !== 'image') })).filter((p) => p.problems.length > 0)
  }
}

/**
 * Asks main what the chosen channels' networks would refuse, a moment after the content stops
 * changing. Answers to older content are dropped; the last verdict stays shown while a new one
 * is on its way, so problems do not flicker while typing.
 */
export function useContentCheck(input: ContentInput | undefined, storedImagePath: string | undefined): ContentCheck {
  const [state, setState] = useState<ContentCheck>(IDLE)
  const key = input ? JSON.stringify(input) : ''

  useEffect(() => {
    if (!key) {
      setState(IDLE)
      return
    }
    let current = true
    setState((s) => ({ ...s, checking: true }))
    const timer = setTimeout(() => {
      check(JSON.parse(key) as ContentInput, storedImagePath)
        .then((problems) => {
          if (current) setState({ problems, issues: {}, error: undefined, checking: false })
        })
        .catch((err: unknown) => {
          if (!current) return
          const issues = err instanceof IpcError ? fieldIssues(err) : {}
          const error = Object.keys(issues).length > 0 ? undefined : errorMessage(err)
          setState({ problems: [], issues, error, checking: false })
        })
    }, CHECK_DELAY_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [key, storedImagePath])

  return state
}
