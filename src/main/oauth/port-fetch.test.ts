import { describe, expect, it } from 'vitest'
import { HttpTransportError, type Http, type HttpRequest, type HttpResponse } from '../ports'
import { portFetch, toFetchResponse } from './port-fetch'

function recordingHttp(answer: HttpResponse | Error): Http & { requests: HttpRequest[] } {
  const requests: HttpRequest[] = []
  return {
    requests,
    async request(req) {
      requests.push(req)
      if (answer instanceof Error) throw answer
      return answer
    },
  }
}

describe('portFetch', () => {
  it('sends form bodies as strings through the port, with headers, signal and timeout', async () => {
    const http = recordingHttp({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' })
    const signal = new AbortController().signal
    const fetchLike = portFetch(http, { timeoutMs: 1234 })
    const res = await fetchLike('https://as.example/token', {
      method: 'post',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'a b' }),
      redirect: 'manual',
      signal,
    })
    expect(http.requests).toEqual([
      {
        method: 'POST',
        url: 'https://as.example/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
        body: 'grant_type=refresh_token&refresh_token=a+b',
        signal,
        timeoutMs: 1234,
      },
    ])
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
  })

  it('passes binary bodies through and omits an empty one', async () => {
    const http = recordingHttp({ status: 200, headers: {}, body: '' })
    const fetchLike = portFetch(http)
    await fetchLike('https://as.example/a', { method: 'PUT', headers: {}, body: new Uint8Array([1, 2]), redirect: 'manual' })
    await fetchLike('https://as.example/b', { method: 'GET', headers: {}, body: undefined, redirect: 'manual' })
    expect(http.requests[0]?.body).toEqual(new Uint8Array([1, 2]))
    expect(http.requests[1]).not.toHaveProperty('body')
  })

  it('lets transport failures through untouched so callers can tell them apart', async () => {
    const failure = new HttpTransportError('timeout', 'No answer')
    const fetchLike = portFetch(recordingHttp(failure))
    await expect(fetchLike('https://as.example/token', { method: 'POST', headers: {}, body: 'x', redirect: 'manual' })).rejects.toBe(failure)
  })

  it('refuses methods the port does not speak', async () => {
    const fetchLike = portFetch(recordingHttp({ status: 200, headers: {}, body: '' }))
    await expect(fetchLike('https://as.example/', { method: 'TRACE', headers: {}, body: undefined, redirect: 'manual' })).rejects.toThrow(TypeError)
  })
})

describe('toFetchResponse', () => {
  it('keeps status and headers, drops framing headers that no longer describe the text body', () => {
    const res = toFetchResponse({ status: 400, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': '3' }, body: '{"error":"invalid_grant"}' }, 'https://as.example/token')
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(res.headers.get('content-encoding')).toBeNull()
    expect(res.headers.get('content-length')).toBeNull()
  })

  it('builds body-less responses for 204 and 304', async () => {
    expect(await toFetchResponse({ status: 204, headers: {}, body: '' }, 'https://as.example/').text()).toBe('')
    expect(toFetchResponse({ status: 304, headers: {}, body: '' }, 'https://as.example/').status).toBe(304)
  })

  it('treats a status Fetch cannot represent as a transport failure', () => {
    expect(() => toFetchResponse({ status: 101, headers: {}, body: '' }, 'https://as.example/')).toThrow(HttpTransportError)
  })
})
