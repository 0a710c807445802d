import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { bundleChild } from './crash-child-process'

const BUSY = fileURLToPath(new URL('./crash-child-busy.ts', import.meta.url))

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('crash-harness children', () => {
  const left: number[] = []
  afterEach(() => {
    for (const pid of left.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL')
  })

  it('end when the process that started them dies, even while busy', async () => {
    const bundle = await bundleChild(BUSY)
    // A stand-in for the test worker: it starts the child and is then killed outright.
    const starter = spawn(process.execPath, ['-e', `require('node:child_process').spawn(process.execPath, [${JSON.stringify(bundle)}], { stdio: ['ignore', 'inherit', 'ignore'] }); setInterval(() => {}, 1000)`], {
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    const pid = await new Promise<number>((resolve) => {
      let out = ''
      starter.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        const found = /ready (\d+)\n/.exec(out)
        if (found) resolve(Number(found[1]))
      })
    })
    left.push(pid)
    starter.kill('SIGKILL')
    await expect.poll(() => alive(pid), { timeout: 5_000, interval: 100 }).toBe(false)
  })
})
