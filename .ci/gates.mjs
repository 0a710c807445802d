// The scanners' outcomes, for the closing summary line: test-results/gates.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'

const FILE = 'test-results/gates.json'

export function readGates() {
  return existsSync(FILE) ? JSON.parse(readFileSync(FILE, 'utf8')) : []
}

/** @param {'passed' | 'failed' | 'unverified'} status */
export function recordGate(name, status, detail) {
  mkdirSync('test-results', { recursive: true })
  writeFileSync(FILE, JSON.stringify([...readGates().filter((g) => g.name !== name), { name, status, detail }], null, 1))
}

// `node .ci/gates.mjs <name> <status> <detail>` from the shell scripts.
if (process.argv[1]?.endsWith('gates.mjs') && process.argv.length >= 4) {
  recordGate(process.argv[2], process.argv[3], process.argv.slice(4).join(' '))
}
