/**
 * The child processes of the crash harnesses (scheduler and inbox): the child's TypeScript is
 * bundled once per run with esbuild, so each of the hundreds of children starts as plain Node
 * instead of transforming the whole core again through tsx, and its startup is a small part of
 * each kill's time. Packages stay outside the bundle and resolve from the project's node_modules.
 */
import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

export interface ChildRun {
  signal: NodeJS.Signals | null
  code: number | null
  /** The child reported it killed itself at the worst moment (`kill:accepted`). */
  selfKilled: boolean
  stdout: string
  stderr: string
}

/** The watchdog every child carries: it ends when the process that started it is gone. */
const WATCHDOG = fileURLToPath(new URL('./crash-child-watchdog.ts', import.meta.url))

/** Bundles a child's entry file (with the watchdog) into node_modules/.cache, where its packages resolve, and returns the bundle's path. */
export async function bundleChild(entry: string): Promise<string> {
  const dir = join(ROOT, 'node_modules', '.cache', 'relink-crash-children')
  mkdirSync(dir, { recursive: true })
  const outfile = join(dir, `${basename(join(entry, '..'))}-${basename(entry, '.ts')}.mjs`)
  await build({ entryPoints: [entry], inject: [WATCHDOG], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node22', packages: 'external', logLevel: 'error' })
  return outfile
}

/** Starts the bundled child; SIGKILLs it `killAfterMs` after it prints `ready` (never, when undefined), or after `limitMs` in any case. */
export function runChild(bundle: string, env: Record<string, string>, killAfterMs: number | undefined, limitMs: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let armed = false
    const guard = setTimeout(() => child.kill('SIGKILL'), limitMs)
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      if (!armed && killAfterMs !== undefined && stdout.includes('ready\n')) {
        armed = true
        setTimeout(() => child.kill('SIGKILL'), killAfterMs)
      }
    })
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      clearTimeout(guard)
      resolve({ code, signal, selfKilled: stdout.includes('kill:accepted'), stdout, stderr })
    })
  })
}
