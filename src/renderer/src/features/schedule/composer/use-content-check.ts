import { useEffect, useRef, useState } from 'react'
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

/** A saved post's id lets main weigh its stored image, whatever became of the file since. */
function check(input: ContentInput, postId: string | undefined): Promise<ChannelProblems[]> {
  return call('schedule:check-content', postId ? { ...input, postId } : input)
}

/**
 * Asks main what the chosen channels' networks would refuse, a moment after the content stops
 * changing. Answers to older content are dropped; the last verdict stays shown while a new one
 * is on its way, so problems do not flicker while typing.
 */
export function useContentCheck(input: ContentInput | undefined, postId: string | undefined): ContentCheck {
  const [state, setState] = useState<ContentCheck>(IDLE)
  const checking = useRef(false)
  checking.current = state.checking
  const key = input ? JSON.stringify(input) : ''

  useEffect(() => {
    if (!key) {
      setState(IDLE)
      return
    }
    let current = true
    // Not set again while a check is already awaited: even an unchanged state asks React for
    // another pass over the composer, on every key typed.
    if (!checking.current) setState((s) => ({ ...s, checking: true }))
    const timer = setTimeout(() => {
      check(JSON.parse(key) as ContentInput, postId)
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
  }, [key, postId])

  return state
}
