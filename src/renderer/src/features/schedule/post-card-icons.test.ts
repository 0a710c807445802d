import { describe, expect, it } from 'vitest'
import { ICON_PATHS, type IconName } from '../../components/icon-paths'
import { STATE_ICONS } from './post-cards'
// The stylesheet's text (vitest.config.ts lets this one through as CSS rather than an empty module).
import css from './schedule.css?raw'

/** Each `.post-card__state--NAME` mask in the stylesheet, as the path data its SVG draws. */
function maskPaths(): Map<string, string> {
  const masks = new Map<string, string>()
  for (const m of css.matchAll(/\.post-card__state--(\w+)\s*\{\s*--icon:\s*url\("data:image\/svg\+xml,([^"]+)"\)/g)) {
    const svg = decodeURIComponent(m[2] ?? '')
    masks.set(m[1] ?? '', /<path d='([^']*)'/.exec(svg)?.[1] ?? '')
  }
  return masks
}

describe('the state icons of the calendar’s cards', () => {
  it('are masks of the very icons the rest of the app draws, one for each state’s icon and the at-risk alert', () => {
    const masks = maskPaths()
    const wanted = new Set<IconName>([...Object.values(STATE_ICONS), 'alert'])
    expect([...masks.keys()].sort()).toEqual([...wanted].sort())
    for (const name of wanted) expect(masks.get(name), name).toBe(ICON_PATHS[name].join(' '))
  })
})
