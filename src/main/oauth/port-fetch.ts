import type { CustomFetch, CustomFetchOptions } from 'openid-client'
import { HttpTransportError, type Http, type HttpMethod, type HttpResponse } from '../ports'

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']

/** Statuses whose response may not carry a body (Fetch standard "null body status"). */
const NULL_BODY_STATUSES = new Set([204, 205, 304])
const FRAMING_HEADERS = new Set(['content-length', 'content-encoding', 'transfer-encoding'])

/**
 * openid-client's `customFetch` over the `Http` port, so token, refresh and revocation requests
 * obey the same timeouts, cancellation and test doubles as every other network call.
 */
export function portFetch(http: Http, options: { timeoutMs?: number } = {}): CustomFetch {
  return async (url: string, init: CustomFetchOptions): Promise<Response> => {
    const method = init.method.toUpperCase()
    if (!isHttpMethod(method)) throw new TypeError(`Unsupported HTTP method ${init.method}`)
    const body = await toPortBody(init.body)
    const response = await http.request({
      method,
      url,
      headers: { ...init.headers },
      ...(body !== undefined ? { body } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    })
    return toFetchResponse(response, url)
  }
}

function isHttpMethod(method: string): method is HttpMethod {
  return (METHODS as readonly string[]).includes(method)
}

async function toPortBody(body: CustomFetchOptions['body']): Promise<string | Uint8Array | undefined> {
  if (body === undefined || body === null) return undefined
  if (typeof body === 'string') return body
  if (body instanceof URLSearchParams) return body.toString()
  if (body instanceof Uint8Array) return body
  if (body instanceof ArrayBuffer) return new Uint8Array(body)
  return new Uint8Array(await new Response(body).arrayBuffer())
}

/** Rebuilds a Fetch `Response` from the port's answer for openid-client to parse. */
export function toFetchResponse(response: HttpResponse, url: string): Response {
  // Fetch responses only exist for final statuses; anything else is not an answer to parse.
  if (response.status < 200 || response.status > 599) {
    throw new HttpTransportError('network', `Unexpected HTTP status ${response.status} from ${new URL(url).host}`)
  }
  const headers = new Headers()
  for (const [name, value] of Object.entries(response.headers)) {
    // The port hands over decoded text, so framing and encoding headers no longer describe it.
    if (FRAMING_HEADERS.has(name)) continue
    try {
      headers.append(name, value)
    } catch {
      // A header value Fetch cannot represent is dropped rather than failing the whole answer.
    }
  }
  return new Response(NULL_BODY_STATUSES.has(response.status) ? null : response.body, { status: response.status, headers })
}
