/**
 * What typing in the Composer's text costs the renderer: main-thread CPU per keystroke while a
 * brand's channels are chosen, so every key redraws the counters and the previews as a person
 * writing for an agency sees them. Read from Chromium's own task accounting (CDP Performance
 * metrics), less the same stretch of time with nothing typed (the clock's ticks and the like).
 */
import type { CDPSession, Page } from '@playwright/test'
import type { CpuProfile } from './window.bench'

/** Enough keys that one slow frame does not decide the figure, typed at a brisk writer's pace. */
const KEYS = 80
const KEY_GAP_MS = 60
const TEXT = 'Fresh oat lattes all week at every shop, come and say hello to the team '

export interface TypingCost {
  /** Main-thread task time per keystroke (script, style, layout, paint), in ms. */
  cpuMsPerKey: number
  /** Of which script, in ms. */
  scriptMsPerKey: number
  /** Of which style and layout, in ms. */
  layoutMsPerKey: number
}

interface Busy {
  task: number
  script: number
  layout: number
}

async function busy(cdp: CDPSession): Promise<Busy> {
  const { metrics } = await cdp.send('Performance.getMetrics')
  const pick = (name: string): number => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000
  return { task: pick('TaskDuration'), script: pick('ScriptDuration'), layout: pick('RecalcStyleDuration') + pick('LayoutDuration') }
}

const FRAMES = 'new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))'

/**
 * Types into the open Composer after choosing the first brand's channels (or the first three); `profile` gets the
 * keystrokes' CPU profile when given. The Composer is left open with the text typed.
 */
export async function composerTypingCost(page: Page, profile?: (p: CpuProfile) => void): Promise<TypingCost> {
  const dialog = page.locator('dialog[open]')
  const brand = dialog.locator('.brand-toggle').first()
  // A workspace without brands (the demo may have none): its first channels.
  if ((await brand.count()) > 0) await brand.click()
  else for (const box of (await dialog.locator('.composer-channel input[type="checkbox"]').all()).slice(0, 3)) await box.check()
  const text = dialog.locator('textarea').first()
  await text.click()
  await page.waitForFunction('window.__pending === 0')
  await page.waitForTimeout(500)
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })

  const idleFrom = await busy(cdp)
  await page.waitForTimeout(KEYS * KEY_GAP_MS)
  await page.evaluate(FRAMES)
  const idleTo = await busy(cdp)

  if (profile) {
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
    await cdp.send('Profiler.start')
  }
  const from = await busy(cdp)
  await page.keyboard.type(TEXT.repeat(2).slice(0, KEYS), { delay: KEY_GAP_MS })
  await page.evaluate(FRAMES)
  const to = await busy(cdp)
  if (profile) profile((await cdp.send('Profiler.stop')).profile)
  await cdp.detach()

  const perKey = (pick: (b: Busy) => number): number => Math.max(0, pick(to) - pick(from) - (pick(idleTo) - pick(idleFrom))) / KEYS
  return { cpuMsPerKey: perKey((b) => b.task), scriptMsPerKey: perKey((b) => b.script), layoutMsPerKey: perKey((b) => b.layout) }
}
