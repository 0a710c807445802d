import { createContext, useContext } from 'react'

export interface NowContextValue {
  /** Main's idea of the current time, in ms; moves on every half minute. */
  now: number
  /** Takes a time main reported (the demo's sandbox clock may run ahead of the wall clock). */
  adopt(mainNow: number): void
}

export const NowContext = createContext<NowContextValue | null>(null)

function useNowContext(): NowContextValue {
  const value = useContext(NowContext)
  if (!value) throw new Error('useNow needs a NowProvider above it')
  return value
}

export const useNow = (): number => useNowContext().now

/**
 * The start of main's current day, on the local clock. Words that name a day ("sign-in expires
 * Tuesday") change only with the day, and a busy calendar has hundreds of cards that say them:
 * reading this rather than `useNow` keeps the half-minute tick from rendering every card again.
 */
export const TodayContext = createContext<number | null>(null)

export function useToday(): number {
  const today = useContext(TodayContext)
  if (today === null) throw new Error('useToday needs a NowProvider above it')
  return today
}
export const useAdoptMainTime = (): ((mainNow: number) => void) => useNowContext().adopt
