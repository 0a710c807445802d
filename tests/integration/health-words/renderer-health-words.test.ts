import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { HEALTH_VOICE } from '../../../src/shared/domain/health-voice'
import { findHardCodedHealthWords } from './scan'

const RENDERER = join(process.cwd(), 'src/renderer')

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : []
  })
}

describe('health speaks in one voice in the renderer', () => {
  it('finds a health sentence, a badge word or health vocabulary typed into a component', () => {
    const component = `
      export function Broken({ n }: { n: number }) {
        return (
          <div className="health-pill--degraded">
            <span>Password changed</span>
            <p>{'${HEALTH_VOICE.password_changed.cause}'}</p>
            <p title={\`\${n} channels need reconnecting\`}>Expired tokens</p>
            <b>{n === 1 ? 'Disconnected' : 'Healthy'}</b>
          </div>
        )
      }`
    const found = findHardCodedHealthWords('Broken.tsx', component).map((f) => f.text)
    expect(found).toEqual(['Password changed', HEALTH_VOICE.password_changed.cause, 'channels need reconnecting', 'Expired tokens', 'Disconnected', 'Healthy'])
  })

  it('lets code read the table and compare state keys', () => {
    const component = `
      import { HEALTH_VOICE } from '../../../../shared/domain/health-voice'
      export const Pill = ({ h }: { h: 'healthy' | 'disconnected' }) =>
        <span className={\`pill pill--\${h}\`}>{h === 'disconnected' ? HEALTH_VOICE.channel_disconnected.badge : 'Open Relink'}</span>`
    expect(findHardCodedHealthWords('Pill.tsx', component)).toEqual([])
  })

  it('no file under src/renderer hard-codes a health sentence', () => {
    const found = sources(RENDERER).flatMap((file) => findHardCodedHealthWords(relative(process.cwd(), file), readFileSync(file, 'utf8')))
    expect(found.map((f) => `${f.file}:${f.line} "${f.text}" ${f.why}`)).toEqual([])
  })
})
