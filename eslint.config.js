// @ts-check
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Time, network and process access that must come through ports inside services (STYLE.md rule 4). */
const portBans = [
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Use the injected Clock (ports.ts), not Date.now().' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use the injected Clock (ports.ts), not new Date() without arguments.' },
  { selector: "CallExpression[callee.object.name='performance'][callee.property.name='now']", message: 'Use the injected Clock (ports.ts).' },
  { selector: "CallExpression[callee.object.name='crypto'][callee.property.name=/^(randomUUID|getRandomValues)$/]", message: 'Fresh ids come through the IdSource port (ports.ts), so a simulation replays from its seed.' },
]
const timerGlobals = ['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate'].map((name) => ({
  name,
  message: 'Timers come through the Timer port (ports.ts), so tests control time.',
}))
const fetchGlobal = { name: 'fetch', message: 'Network access goes through the Http port (ports.ts).' }

const electronImport = { name: 'electron', message: 'Only src/main/index.ts and src/main/shell/ may import electron.' }
const randomImport = {
  name: 'node:crypto',
  importNames: ['randomUUID', 'randomBytes', 'randomInt', 'getRandomValues'],
  message: 'Fresh ids and random bytes come through the IdSource port (ports.ts), so a simulation replays from its seed.',
}
const rawIpc = { name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'Use the typed IPC wrappers (shell/ipc.ts, preload).' }

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'playwright-report/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  // Renderer: browser only; reaches main solely through lib/api.ts.
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronImport],
          patterns: [
            { group: ['**/main/**', '**/main', '**/preload/index*'], message: 'The renderer talks to main only through lib/api.ts.' },
            { group: ['node:*'], message: 'The renderer is sandboxed: no Node modules.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='window'][property.name='relink']", message: 'Use lib/api.ts, the only module that touches window.relink.' },
      ],
    },
  },
  {
    files: ['src/renderer/src/lib/api.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  // Shared code runs in all three processes.
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronImport],
          patterns: [
            { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'src/shared depends on nothing else in src.' },
            { group: ['node:*'], message: 'src/shared must run in the sandboxed renderer too.' },
          ],
        },
      ],
    },
  },
  // Preload: the typed bridge only.
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/main/**', '**/renderer/**'], message: 'The preload only bridges the shared contract.' }] }],
    },
  },
  {
    files: ['src/preload/api.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronImport] }] },
  },
  // Main process outside the Electron shell: no electron, and services get time and network from ports.
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/index.ts', 'src/main/shell/**', 'src/main/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronImport, randomImport], patterns: [{ group: ['**/renderer/**'], message: 'Main never imports renderer code.' }] }],
      'no-restricted-syntax': ['error', ...portBans],
      'no-restricted-globals': ['error', fetchGlobal, ...timerGlobals],
    },
  },
  // The real implementations of the ports live here.
  {
    files: ['src/main/platform/**/*.ts'],
    rules: {
      'no-restricted-syntax': 'off',
      'no-restricted-globals': 'off',
      'no-restricted-imports': ['error', { paths: [electronImport], patterns: [{ group: ['**/renderer/**'], message: 'Main never imports renderer code.' }] }],
    },
  },
  // The simulated network may delay answers in real time (its "slow" control).
  {
    files: ['src/main/sandbox/**/*.ts'],
    ignores: ['src/main/sandbox/**/*.test.ts'],
    rules: { 'no-restricted-globals': ['error', fetchGlobal] },
  },
  {
    files: ['src/main/shell/**/*.ts', 'src/main/index.ts'],
    ignores: ['src/main/shell/ipc.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [rawIpc] }] },
  },
  {
    files: ['tests/**/*.ts', '**/*.test.ts', '*.config.ts', '*.config.js', '.ci/**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
)
