import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'
import { defineConfig as defineElectronConfig } from 'electron-vite'
import { contentSecurityPolicy } from './src/shared/csp'

const root = import.meta.dirname

/** Writes the CSP into index.html: strict for builds, relaxed only for the dev server. */
function cspMeta(): Plugin {
  let mode: 'production' | 'development' = 'production'
  return {
    name: 'relink-csp',
    configResolved(config) {
      mode = config.command === 'serve' ? 'development' : 'production'
    },
    transformIndexHtml(html) {
      return html.replace('%RELINK_CSP%', contentSecurityPolicy(mode))
    },
  }
}

// electron-vite builds main (ESM), preload (CommonJS so the window keeps `sandbox: true`) and the renderer.
export default defineElectronConfig({
  main: {
    build: {
      // The Excel writer's and the checkpoints' worker threads are entries of their own, loaded by
      // path (platform/xlsx-worker.ts, platform/wal-checkpoints.ts).
      rollupOptions: {
        input: {
          index: resolve(root, 'src/main/index.ts'),
          'xlsx-thread': resolve(root, 'src/main/reports/xlsx-thread.ts'),
          'checkpoint-thread': resolve(root, 'src/main/platform/checkpoint-thread.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: defineConfig({
    root: resolve(root, 'src/renderer'),
    base: './',
    build: {
      // RELINK_RENDERER_MINIFY=0 keeps function names, to read a CPU profile (tests/bench/window.bench.ts).
      minify: process.env.RELINK_RENDERER_MINIFY !== '0',
      rollupOptions: { input: { index: resolve(root, 'src/renderer/index.html') } },
    },
    plugins: [react(), cspMeta()],
  }),
})
