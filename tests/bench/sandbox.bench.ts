import { rmSync } from 'node:fs'
import { createApp } from '../../src/main/app'
import { mastodonAdapter } from '../../src/main/providers/mastodon'
import { xAdapter } from '../../src/main/providers/x'
import type { ChannelTarget, ProviderAdapter } from '../../src/main/providers/types'
import { startSandboxNetwork } from '../../src/main/sandbox/server'
import { createTestPorts, tempDir } from '../fakes/ports'
import type { Benchmark, BenchRow } from './harness'

/** Runs `total` calls with `concurrency` in flight; returns calls per second of wall time. */
async function throughput(total: number, concurrency: number, call: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0
  const start = process.hrtime.bigint()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) await call(i)
    }),
  )
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  return total / seconds
}

/** The sandbox's ceiling on this machine: later load tests must stay well under these rates. */
export const sandboxBenchmark: Benchmark = {
  name: 'sandbox',
  async run(): Promise<BenchRow[]> {
    const dir = tempDir('relink-bench-')
    const ports = createTestPorts(dir)
    const sandbox = await startSandboxNetwork({ clock: ports.clock, seed: 1 })
    const core = await createApp(ports, { dataDir: dir, version: 'bench', demoMode: true, sandbox, watch: false })
    const rows: BenchRow[] = []
    try {
      const profiles = await core.handlers['connections:list-profiles'](undefined)
      const targetFor = async (network: 'mastodon' | 'x'): Promise<{ adapter: ProviderAdapter; target: ChannelTarget; network: 'mastodon' | 'x' }> => {
        const profile = profiles.find((p) => p.network === network)
        if (!profile) throw new Error(`no ${network} profile in the demo world`)
        const row = await core.database.db.selectFrom('profiles').select('network_user_id').where('id', '=', profile.id).executeTakeFirstOrThrow()
        return {
          network,
          adapter: network === 'x' ? xAdapter : mastodonAdapter,
          target: { networkChannelId: row.network_user_id, networkUserId: row.network_user_id, accessToken: await core.connections.lifecycle.accessTokenFor(profile.id), kind: 'account' },
        }
      }
      for (const network of ['mastodon', 'x'] as const) {
        const { adapter, target } = await targetFor(network)
        const ctx = await core.connections.providers.context(network)
        const publish = await throughput(600, 8, (i) => adapter.publish(ctx, target, { text: `Bench post ${i} #relink` }))
        rows.push({ name: `${network}: publish, 8 in flight`, value: publish, unit: 'req/s' })
        const list = await throughput(600, 8, () => adapter.listComments(ctx, target, null))
        rows.push({ name: `${network}: list comments, 8 in flight`, value: list, unit: 'req/s', note: 'adapter calls; one call may be several requests' })
      }
      rows.push({ name: 'requests served', value: sandbox.stats.requests, unit: 'count' })
    } finally {
      await core.dispose()
      await sandbox.close()
      rmSync(dir, { recursive: true, force: true })
    }
    return rows
  },
}
