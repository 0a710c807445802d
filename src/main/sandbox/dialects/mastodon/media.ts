/** Media uploads (v1 and v2, processed at once or in the background) and their processing state. */
import { json, type DialectContext, type SandboxRequest, type SandboxResponse } from '../../types'
import { authenticate } from './caller'
import { DESCRIPTION_LIMIT, IMAGE_LIMIT_BYTES, IMAGE_TYPES, NOT_FOUND, SYNC_MEDIA_BYTES, WRITE_MEDIA } from './constants'
import { mediaJson } from './entities'
import { snowflake, stateOf, type MediaRecord } from './state'
import { apiError } from './wire'

interface FilePart {
  data: Buffer
  filename?: string
  contentType?: string
}

/** Minimal multipart/form-data reader (RFC 7578) for media uploads. */
function parseMultipart(body: Buffer, contentType: string | undefined): Map<string, FilePart> {
  const parts = new Map<string, FilePart>()
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '')
  const boundaryText = match?.[1] ?? match?.[2]
  if (!boundaryText) return parts
  const boundary = Buffer.from(`--${boundaryText}`)
  let pos = body.indexOf(boundary)
  while (pos !== -1) {
    let start = pos + boundary.length
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break
    if (body[start] === 0x0d && body[start + 1] === 0x0a) start += 2
    const next = body.indexOf(boundary, start)
    if (next === -1) break
    const end = body[next - 2] === 0x0d && body[next - 1] === 0x0a ? next - 2 : next
    const part = body.subarray(start, end)
    const headerEnd = part.indexOf('\r\n\r\n')
    if (headerEnd !== -1) {
      const head = part.subarray(0, headerEnd).toString('utf8')
      const name = /;\s*name="([^"]*)"/i.exec(head)?.[1]
      if (name) {
        parts.set(name, {
          data: Buffer.from(part.subarray(headerEnd + 4)),
          filename: /filename="([^"]*)"/i.exec(head)?.[1],
          contentType: /content-type:\s*([^\r\n;]+)/i.exec(head)?.[1]?.trim(),
        })
      }
    }
    pos = next
  }
  return parts
}

export function uploadMedia(req: SandboxRequest, ctx: DialectContext, version: 1 | 2): SandboxResponse {
  const auth = authenticate(req, ctx, WRITE_MEDIA, true)
  if (!auth.ok) return auth.response
  const parts = parseMultipart(req.body, req.headers['content-type'])
  const file = parts.get('file')
  if (!file) return apiError(400, 'param is missing or the value is empty: file')
  const mime = file.contentType ?? ''
  if (!IMAGE_TYPES.includes(mime) || file.data.byteLength === 0) {
    return apiError(422, 'Validation failed: File content type is invalid, File is invalid')
  }
  if (file.data.byteLength > IMAGE_LIMIT_BYTES) return apiError(422, 'Validation failed: File file size must be less than 16 MB')
  const description = parts.get('description')?.data.toString('utf8') ?? null
  if (description !== null && [...description].length > DESCRIPTION_LIMIT) {
    return apiError(422, `Validation failed: Description is too long (maximum is ${DESCRIPTION_LIMIT} characters)`)
  }
  const state = stateOf(ctx.world)
  // v2 processes small still images synchronously (4.0+); GIFs become video and larger files are
  // processed in the background, answered 202 with a null `url`.
  const background = version === 2 && (mime === 'image/gif' || file.data.byteLength > SYNC_MEDIA_BYTES)
  const record: MediaRecord = {
    id: snowflake(state, ctx.now),
    userId: auth.user.id,
    mimeType: mime,
    description,
    size: file.data.byteLength,
    pendingChecks: background ? 1 : 0,
  }
  state.media.set(record.id, record)
  return json(background ? 202 : 200, mediaJson(ctx, record))
}

export function getMedia(req: SandboxRequest, ctx: DialectContext, id: string): SandboxResponse {
  const auth = authenticate(req, ctx, WRITE_MEDIA, true)
  if (!auth.ok) return auth.response
  const record = stateOf(ctx.world).media.get(id)
  if (!record || record.userId !== auth.user.id) return apiError(404, NOT_FOUND)
  if (record.pendingChecks > 0) {
    // Still processing: 206 Partial Content with the attachment as it is; ready at the next check.
    const body = mediaJson(ctx, record)
    record.pendingChecks -= 1
    return json(206, body)
  }
  return json(200, mediaJson(ctx, record))
}
