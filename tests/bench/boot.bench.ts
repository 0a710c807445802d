import { randomUUID } from 'node:crypto'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { createApp, DATABASE_FILE } from '../../src/main/app'
import { openDatabase } from '../../src/main/db/client'
import { createTestPorts, tempDir } from '../fakes/ports'
import { heapMb, medianMs, type Benchmark, type BenchRow } from './harness'

const NOW = Date.UTC(2026, 0, 5)

/** Fills a database with `count` channels spread over profiles, links and brands, like a large agency. */
export function seedChannels(dataDir: string, count: number): void {
  const database = openDatabase(join(dataDir, DATABASE_FILE), { nowMs: NOW })
  const { sqlite } = database
  const networks = ['facebook', 'instagram', 'linkedin', 'x', 'mastodon'] as const
  const brandIds = Array.from({ length: 50 }, () => randomUUID())
  const profileIds = Array.from({ length: Math.max(1, Math.floor(count / 20)) }, () => randomUUID())
  sqlite.transaction(() => {
    const brand = sqlite.prepare('INSERT INTO brands (id, name, color, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
    brandIds.forEach((id, i) => brand.run(id, `Brand ${i}`, '#2563eb', NOW, NOW))
    const profile = sqlite.prepare(
      'INSERT INTO profiles (id, network, network_user_id, display_name, health, access_expires_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    profileIds.forEach((id, i) => profile.run(id, networks[i % 5], `u${i}`, `Person ${i}`, i % 13 === 0 ? 'password_changed' : 'active', NOW + i * 1000, NOW, NOW))
    const channel = sqlite.prepare('INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    const link = sqlite.prepare('INSERT INTO channel_links (channel_id, profile_id, created_at) VALUES (?, ?, ?)')
    const member = sqlite.prepare('INSERT INTO brand_channels (brand_id, channel_id) VALUES (?, ?)')
    for (let i = 0; i < count; i++) {
      const id = randomUUID()
      channel.run(id, networks[i % 5], `c${i}`, 'page', `Channel ${i}`, NOW)
      link.run(id, profileIds[i % profileIds.length], NOW)
      if (i % 3 === 0) link.run(id, profileIds[(i + 7) % profileIds.length], NOW)
      member.run(brandIds[i % brandIds.length], id)
    }
  })()
  void database.close()
}

async function bootOnce(dataDir: string): Promise<void> {
  const core = await createApp(createTestPorts(dataDir), { dataDir, version: 'bench', demoMode: false })
  await core.dispose()
}

export const bootBenchmark: Benchmark = {
  name: 'boot',
  async run(): Promise<BenchRow[]> {
    const rows: BenchRow[] = []

    const fresh = await medianMs(9, async () => {
      const dir = tempDir('relink-bench-')
      await bootOnce(dir)
      rmSync(dir, { recursive: true, force: true })
    })
    rows.push({ name: 'first start (create + migrate), empty DB', value: fresh, unit: 'ms', target: { op: '<=', value: 150 } })

    const emptyDir = tempDir('relink-bench-')
    await bootOnce(emptyDir)
    rows.push({ name: 'start, empty DB', value: await medianMs(15, () => bootOnce(emptyDir)), unit: 'ms', target: { op: '<=', value: 150 } })

    const bigDir = tempDir('relink-bench-')
    seedChannels(bigDir, 10_000)
    await bootOnce(bigDir) // warm the page cache as a second start would
    const heapBefore = heapMb()
    let heapAfter = 0
    const big = await medianMs(9, async () => {
      const core = await createApp(createTestPorts(bigDir), { dataDir: bigDir, version: 'bench', demoMode: false })
      heapAfter = Math.max(heapAfter, process.memoryUsage().heapUsed / (1024 * 1024))
      await core.dispose()
    })
    rows.push({ name: 'start, 10k channels', value: big, unit: 'ms', target: { op: '<=', value: 150 } })
    rows.push({
      name: 'JS heap after start, 10k channels',
      value: heapAfter,
      unit: 'MB',
      target: { op: '<=', value: 100 },
      note: `process heap, ${heapBefore.toFixed(1)} MB before`,
    })
    rmSync(emptyDir, { recursive: true, force: true })
    rmSync(bigDir, { recursive: true, force: true })
    return rows
  },
}
