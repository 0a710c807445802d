import { useCallback, useState } from 'react'
import { isScheduleView, type ScheduleView } from './calendar-range'

const STORAGE_KEY = 'relink.schedule.view'

function storedView(): ScheduleView {
  try {
    const value = localStorage.getItem(STORAGE_KEY)
    return isScheduleView(value) ? value : 'week'
  } catch {
    // Storage can be unavailable (a locked-down profile): start on the week.
    return 'week'
  }
}

/** Week, month or list, remembered on this computer so the page opens the way it was left. */
export function useScheduleView(): [ScheduleView, (view: ScheduleView) => void] {
  const [view, setView] = useState<ScheduleView>(storedView)
  const choose = useCallback((next: ScheduleView) => {
    setView(next)
    try {
      localStorage.setItem(STORAGE_KEY, next)
    } catch {
      // Not remembered; the choice still holds for this visit.
    }
  }, [])
  return [view, choose]
}
