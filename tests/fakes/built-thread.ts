import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Main's worker threads, each an entry of its own in electron.vite.config.ts. */
const THREADS = {
  'xlsx-thread': 'src/main/reports/xlsx-thread.ts',
  'checkpoint-thread': 'src/main/platform/checkpoint-thread.ts',
} as const

/**
 * A worker thread built as the app ships it: one ES module `<name>.js` in a main folder, its
 * packages left as imports (electron-vite externalises dependencies for main), run by plain Node
 * with no TypeScript loader. The folder sits under node_modules/.cache so the imports resolve
 * from the project's node_modules, as they do from the app's.
 */
export async function builtThread(name: keyof typeof THREADS): Promise<{ mainDir: string; entry: URL; remove(): void }> {
  const cache = join(root, 'node_modules', '.cache')
  mkdirSync(cache, { recursive: true })
  const mainDir = mkdtempSync(join(cache, 'relink-main-'))
  await build({
    entryPoints: { [name]: join(root, THREADS[name]) },
    outdir: mainDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  })
  return { mainDir, entry: pathToFileURL(join(mainDir, `${name}.js`)), remove: () => rmSync(mainDir, { recursive: true, force: true }) }
}

/** The Excel thread built as the app ships it. */
export const builtXlsxThread = (): ReturnType<typeof builtThread> => builtThread('xlsx-thread')

/**
 * What a built thread imports, and which of those the app would not ship: anything but Node's own
 * modules and the package's runtime dependencies (a dev dependency is not packaged).
 */
export function importsOf(entry: URL): { imported: string[]; unshipped: string[] } {
  const code = readFileSync(fileURLToPath(entry), 'utf8')
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
  const imported = [...code.matchAll(/^import .* from "([^"]+)";?$/gm)].map((m) => m[1] ?? '')
  return { imported, unshipped: imported.filter((name) => !name.startsWith('node:') && !(name in pkg.dependencies)) }
}
