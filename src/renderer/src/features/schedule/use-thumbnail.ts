import { useEffect, useState } from 'react'
import { call, subscribe } from '../../lib/api'

// Post id → its image as a data URL (null: no image, or too large to preview). Shared by every card.
const cache = new Map<string, Promise<string | null>>()

function load(postId: string): Promise<string | null> {
  let found = cache.get(postId)
  if (!found) {
    found = call('schedule:get-image', { postId })
      .then((answer) => answer.previewUrl)
      .catch(() => null)
    cache.set(postId, found)
  }
  return found
}

let listening = false

/** A post's image for its calendar card, read once and read again after the post is edited. */
export function useThumbnail(postId: string): string | null {
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    if (!listening) {
      listening = true
      subscribe('schedule:did-change', (change) => {
        for (const id of change.postIds) cache.delete(id)
      })
    }
    let current = true
    void load(postId).then((found) => {
      if (current) setUrl(found)
    })
    return () => {
      current = false
    }
  }, [postId])
  return url
}
