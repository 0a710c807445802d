import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { APP_USER_MODEL_ID } from '../../src/main/shell/bootstrap'

const config = readFileSync('electron-builder.yml', 'utf8')

it('packages AppImage and deb on Linux, dmg on macOS and nsis on Windows', () => {
  expect(config).toMatch(/linux:\s+target:\s+- AppImage\s+- deb/)
  expect(config).toMatch(/mac:\s+target:\s+- dmg/)
  expect(config).toMatch(/win:\s+target:\s+- nsis/)
})

it('uses the notification app id as its appId and turns off run-as-node', () => {
  expect(config).toContain(`appId: ${APP_USER_MODEL_ID}`)
  expect(config).toMatch(/runAsNode: false/)
})
