import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/**
 * The Excel thread built as the app ships it: one ES module `xlsx-thread.js` in a main folder,
 * its packages left as imports (electron-vite externalises dependencies for main), run by plain
 * Node with no TypeScript loader. The folder sits under node_modules/.cache so the imports
 * resolve from the project's node_modules, as they do from the app's.
 */
export async function builtXlsxThread(): Promise<{ mainDir: string; entry: URL; remove(): void }> {
  const cache = join(root, 'node_modules', '.cache')
  mkdirSync(cache, { recursive: true })
  const mainDir = mkdtempSync(join(cache, 'relink-main-'))
  await build({
    entryPoints: { 'xlsx-thread': join(root, 'src/main/reports/xlsx-thread.ts') },
    outdir: mainDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  })
  return { mainDir, entry: pathToFileURL(join(mainDir, 'xlsx-thread.js')), remove: () => rmSync(mainDir, { recursive: true, force: true }) }
}
