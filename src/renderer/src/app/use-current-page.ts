import { useCallback, useEffect, useState } from 'react'
import { isPageId, type Navigate, type PageId } from './pages'

// The page lives in the URL hash so a reload (or a dev-server refresh) keeps the user where they were.
function pageFromHash(): PageId {
  const id = window.location.hash.replace(/^#\/?/, '')
  return isPageId(id) ? id : 'channels'
}

export function useCurrentPage(): [PageId, Navigate] {
  const [page, setPage] = useState<PageId>(pageFromHash)

  useEffect(() => {
    const onHashChange = (): void => setPage(pageFromHash())
    window.addEventListener('hashchange', onHashChange)
    return () => window.removeEventListener('hashchange', onHashChange)
  }, [])

  const navigate = useCallback<Navigate>((next) => {
    setPage(next)
    if (pageFromHash() !== next) window.location.hash = `/${next}`
  }, [])

  return [page, navigate]
}
