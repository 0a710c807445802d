import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).map((m) => `${m.ruleId}`)
}

describe('process boundaries enforced by lint', () => {
  it('bans clocks, timers, fetch and electron inside services', async () => {
    const ids = await ruleIds(
      "import { app } from 'electron'\nexport const f = () => [Date.now(), new Date(), setTimeout(() => 0, 1), fetch('x'), app]\n",
      'src/main/scheduler/example.ts',
    )
    expect(ids.filter((i) => i === 'no-restricted-syntax')).toHaveLength(2)
    expect(ids.filter((i) => i === 'no-restricted-globals')).toHaveLength(2)
    expect(ids).toContain('no-restricted-imports')
  })

  it('bans random ids inside services, so a simulation replays from its seed, and allows them in platform code', async () => {
    const ids = await ruleIds(
      "import { createHash, randomBytes, randomUUID } from 'node:crypto'\nexport const f = () => [randomUUID(), randomBytes(4), crypto.randomUUID(), createHash('sha256')]\n",
      'src/main/db/repositories/example.ts',
    )
    expect(ids.filter((i) => i === 'no-restricted-imports')).toHaveLength(2)
    expect(ids.filter((i) => i === 'no-restricted-syntax')).toHaveLength(1)
    expect(await ruleIds("import { randomUUID } from 'node:crypto'\nexport const id = () => randomUUID()\n", 'src/main/platform/example.ts')).toEqual([])
  })

  it('allows dates with arguments in services and the real clock in platform code', async () => {
    expect(await ruleIds('export const f = (ms: number) => new Date(ms).toISOString()\n', 'src/main/scheduler/example.ts')).toEqual([])
    expect(await ruleIds('export const now = () => Date.now()\n', 'src/main/platform/example.ts')).toEqual([])
  })

  it('keeps the renderer away from main, Node and window.relink outside lib/api.ts', async () => {
    const ids = await ruleIds(
      "import { createApp } from '../../main/app'\nimport { readFileSync } from 'node:fs'\nexport const f = () => [window.relink, createApp, readFileSync]\n",
      'src/renderer/src/features/example.ts',
    )
    expect(ids.filter((i) => i === 'no-restricted-imports')).toHaveLength(2)
    expect(ids).toContain('no-restricted-syntax')
    expect(await ruleIds('export const f = () => window.relink\n', 'src/renderer/src/lib/api.ts')).toEqual([])
  })

  it('keeps shared code free of process-specific imports', async () => {
    const ids = await ruleIds("import { join } from 'node:path'\nexport const j = join\n", 'src/shared/example.ts')
    expect(ids).toEqual(['no-restricted-imports'])
  })
})
