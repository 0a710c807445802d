import { beforeEach, describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from '../../shared/csp'
import { fakeElectron, session, type FakeHeadersResponse } from '../../../tests/fakes/electron'
import { applySessionPolicy } from './session-policy'

beforeEach(() => fakeElectron.reset())

function headersFor(responseHeaders: Record<string, string[]> | undefined): FakeHeadersResponse {
  const hook = session.defaultSession.webRequest.headersReceived
  if (!hook) throw new Error('no onHeadersReceived hook was registered')
  let response: FakeHeadersResponse | undefined
  hook({ url: 'http://localhost:5173/', responseHeaders }, (r) => {
    response = r
  })
  if (!response) throw new Error('the hook did not answer')
  return response
}

describe('applySessionPolicy', () => {
  it.each(['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'unknown'])('denies a %s permission request', (permission) => {
    applySessionPolicy(session.defaultSession, 'production')
    const handler = session.defaultSession.permissionRequestHandler
    if (!handler) throw new Error('no permission request handler')
    const answers: boolean[] = []
    handler({}, permission, (granted) => answers.push(granted))
    expect(answers).toEqual([false])
  })

  it('answers every permission check with false', () => {
    applySessionPolicy(session.defaultSession, 'production')
    const check = session.defaultSession.permissionCheckHandler
    if (!check) throw new Error('no permission check handler')
    expect(check(null, 'media', 'file://')).toBe(false)
    expect(check(null, 'notifications', 'file://')).toBe(false)
  })

  it('adds the strict production CSP to every response', () => {
    applySessionPolicy(session.defaultSession, 'production')
    const headers = headersFor({ 'Content-Type': ['text/html'] }).responseHeaders ?? {}
    expect(headers['Content-Type']).toEqual(['text/html'])
    const csp = headers['Content-Security-Policy']
    expect(csp).toEqual([contentSecurityPolicy('production')])
    const policy = String(csp)
    expect(policy).toContain("script-src 'self'")
    expect(policy).toContain("object-src 'none'")
    expect(policy).toContain("base-uri 'none'")
    expect(policy).not.toContain('unsafe-')
  })

  it('adds the CSP when the response had no headers at all', () => {
    applySessionPolicy(session.defaultSession, 'production')
    expect(headersFor(undefined).responseHeaders).toEqual({ 'Content-Security-Policy': [contentSecurityPolicy('production')] })
  })

  it("keeps a server's own policy beside Relink's, whatever its case", () => {
    applySessionPolicy(session.defaultSession, 'production')
    const headers = headersFor({ 'content-security-policy': ["frame-ancestors 'none'"] }).responseHeaders ?? {}
    expect(headers['content-security-policy']).toBeUndefined()
    expect(headers['Content-Security-Policy']).toEqual(["frame-ancestors 'none'", contentSecurityPolicy('production')])
  })

  it('uses the development policy with a dev server', () => {
    applySessionPolicy(session.defaultSession, 'development')
    expect(headersFor({}).responseHeaders?.['Content-Security-Policy']).toEqual([contentSecurityPolicy('development')])
  })
})
