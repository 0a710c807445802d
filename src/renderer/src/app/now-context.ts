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
export const useAdoptMainTime = (): ((mainNow: number) => void) => useNowContext().adopt
