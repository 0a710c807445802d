import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import { call, subscribe } from '../lib/api'
import { NowContext, TodayContext, type NowContextValue } from './now-context'

const TICK_MS = 30_000

/**
 * "in 3 days" and "2 hours ago" are measured against main's clock. Outside the demo that is the
 * wall clock; in the demo the sandbox clock can be pushed ahead ("advance a day"), so its offset
 * is read from the sandbox state and read again whenever health changes.
 */
export function NowProvider({ children }: { children: ReactNode }) {
  const [wall, setWall] = useState(() => Date.now())
  const [offset, setOffset] = useState(0)

  const adopt = useCallback((mainNow: number) => {
    const current = Date.now()
    setWall(current)
    setOffset(mainNow - current)
  }, [])

  useEffect(() => {
    const timer = setInterval(() => setWall(Date.now()), TICK_MS)
    return () => clearInterval(timer)
  }, [])

  useEffect(() => {
    let current = true
    const sync = (): void => {
      call('sandbox:get-state')
        .then((state) => {
          if (current && state.enabled) adopt(state.now)
        })
        // Without the sandbox the wall clock is main's clock; nothing to correct.
        .catch(() => undefined)
    }
    sync()
    const unsubscribe = subscribe('connections:did-change-health', sync)
    return () => {
      current = false
      unsubscribe()
    }
  }, [adopt])

  const value = useMemo<NowContextValue>(() => ({ now: wall + offset, adopt }), [wall, offset, adopt])
  const today = new Date(value.now).setHours(0, 0, 0, 0)
  return (
    <NowContext.Provider value={value}>
      <TodayContext.Provider value={today}>{children}</TodayContext.Provider>
    </NowContext.Provider>
  )
}
