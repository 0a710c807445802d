import { join } from 'node:path'
import { build } from 'esbuild'

let cached: Promise<string> | undefined

/** Bundles `page-bridge.ts` (and with it the real `src/preload/api.ts`) into one init script. */
export function bridgeScript(): Promise<string> {
  cached ??= build({
    entryPoints: [join(import.meta.dirname, 'page-bridge.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  }).then((result) => {
    const [output] = result.outputFiles
    if (!output) throw new Error('esbuild produced no bridge script')
    return output.text
  })
  return cached
}
