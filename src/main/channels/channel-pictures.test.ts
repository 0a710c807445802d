import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type RelinkDatabase } from '../db/client'
import { createPictureRepository } from '../db/repositories/picture-repository'
import { createEventBus } from '../events'
import { HttpTransportError, type HttpRequest, type HttpResponse, type LogLevel } from '../ports'
import type { DiscoveredChannel } from '../providers/types'
import { sandboxPicture } from '../sandbox/pictures'
import { createChannelPictures, PICTURE_MAX_BYTES, sniffImage } from './channel-pictures'

const DAY = 24 * 60 * 60 * 1000
const PNG = new Uint8Array(sandboxPicture('acct'))
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46])

let database: RelinkDatabase
let now: number
let answers: Map<string, () => HttpResponse | Promise<HttpResponse>>
let requests: HttpRequest[]
let logs: { level: LogLevel; message: string }[]
let pictureEvents: string[][]

const image = (bytes: Uint8Array, type = 'image/png'): HttpResponse => ({ status: 200, headers: { 'content-type': type }, body: '', bytes })

function setup(options: { allowHttp?: boolean } = {}) {
  const events = createEventBus((err) => {
    throw err
  })
  events.subscribe((event, payload) => {
    if (event === 'channels:did-change-pictures') pictureEvents.push((payload as { channelIds: string[] }).channelIds)
  })
  return createChannelPictures({
    repo: createPictureRepository(database.db),
    http: {
      async request(req) {
        requests.push(req)
        const answer = answers.get(req.url)
        if (!answer) throw new HttpTransportError('network', 'unreachable')
        const res = await answer()
        // As the real port does: a capped read stops one byte past the cap.
        return req.maxBytes !== undefined && res.bytes ? { ...res, bytes: res.bytes.subarray(0, req.maxBytes + 1) } : res
      },
    },
    clock: { now: () => now },
    events,
    logger: { log: (level, message) => void logs.push({ level, message }) },
    ...(options.allowHttp ? { allowHttp: true } : {}),
  })
}

const found = (id: string, pictureUrl: string | null | undefined): DiscoveredChannel => ({
  network: 'x',
  networkChannelId: id,
  kind: 'account',
  name: id,
  handle: id,
  tasks: [],
  capabilities: { publish: true, moderate: true, analyze: true },
  ...(pictureUrl === undefined ? {} : { pictureUrl }),
})

beforeEach(() => {
  database = openDatabase(':memory:', { nowMs: 0 })
  database.sqlite.exec(`
    INSERT INTO channels (id, network, network_channel_id, kind, name, created_at) VALUES
      ('north', 'x', 'n1', 'account', 'North', 0),
      ('south', 'x', 's1', 'account', 'South', 0);
  `)
  now = Date.UTC(2026, 0, 5)
  answers = new Map()
  requests = []
  logs = []
  pictureEvents = []
})
afterEach(() => database.close())

describe('channel pictures', () => {
  it('downloads each picture once and hands it to the window as a data: URL', async () => {
    const pictures = setup()
    answers.set('https://cdn.example/n1.png', () => image(PNG))
    await pictures.note('x', '', [found('n1', 'https://cdn.example/n1.png'), found('s1', null)])
    await pictures.settle()
    await pictures.note('x', '', [found('n1', 'https://cdn.example/n1.png')])
    await pictures.refresh()
    expect(requests.map((r) => [r.url, r.responseType, r.maxBytes])).toEqual([['https://cdn.example/n1.png', 'bytes', PICTURE_MAX_BYTES]])
    expect(await pictures.list()).toEqual([{ channelId: 'north', dataUrl: `data:image/png;base64,${Buffer.from(PNG).toString('base64')}` }])
    expect(pictureEvents).toEqual([['north']])
  })

  it('fetches again when the network gives another address, keeping the old picture until then', async () => {
    const pictures = setup()
    answers.set('https://cdn.example/v1.png', () => image(PNG))
    await pictures.note('x', '', [found('n1', 'https://cdn.example/v1.png')])
    await pictures.settle()
    let release: () => void = () => undefined
    answers.set('https://cdn.example/v2.jpg', () => new Promise((resolve) => (release = () => resolve(image(JPEG, 'image/jpeg')))))
    await pictures.note('x', '', [found('n1', 'https://cdn.example/v2.jpg')])
    expect((await pictures.list())[0]?.dataUrl).toMatch(/^data:image\/png;base64,/)
    release()
    await pictures.settle()
    expect((await pictures.list())[0]?.dataUrl).toBe(`data:image/jpeg;base64,${Buffer.from(JPEG).toString('base64')}`)
    expect(requests).toHaveLength(2)
  })

  it('does not fetch again when only the signature of a CDN address changed (Facebook’s oh/oe, LinkedIn’s e/t)', async () => {
    const pictures = setup()
    answers.set('https://scontent.example/v/1_n.jpg?oh=aa&oe=01', () => image(JPEG, 'image/jpeg'))
    await pictures.note('x', '', [found('n1', 'https://scontent.example/v/1_n.jpg?oh=aa&oe=01')])
    await pictures.settle()
    await pictures.note('x', '', [found('n1', 'https://scontent.example/v/1_n.jpg?oh=bb&oe=02')])
    await pictures.settle()
    await pictures.refresh()
    expect(requests).toHaveLength(1)
    answers.set('https://scontent.example/v/2_n.jpg?oh=cc&oe=03', () => image(PNG))
    await pictures.note('x', '', [found('n1', 'https://scontent.example/v/2_n.jpg?oh=cc&oe=03')])
    await pictures.settle()
    expect(requests).toHaveLength(2)
    expect((await pictures.list())[0]?.dataUrl).toMatch(/^data:image\/png;base64,/)
  })

  it('forgets a picture the network says is gone, but keeps it when the adapter could not tell', async () => {
    const pictures = setup()
    answers.set('https://cdn.example/n1.png', () => image(PNG))
    await pictures.note('x', '', [found('n1', 'https://cdn.example/n1.png')])
    await pictures.settle()
    await pictures.note('x', '', [found('n1', undefined)])
    expect(await pictures.list()).toHaveLength(1)
    await pictures.note('x', '', [found('n1', null)])
    expect(await pictures.list()).toEqual([])
    expect(pictureEvents).toEqual([['north'], ['north']])
  })

  it('ignores answers over the size cap, non-images and failures: the initials stay, quietly', async () => {
    const pictures = setup()
    const big = new Uint8Array(PICTURE_MAX_BYTES + 10)
    big.set(PNG.subarray(0, 8))
    answers.set('https://cdn.example/big.png', () => image(big))
    answers.set('https://cdn.example/page.html', () => ({ status: 200, headers: { 'content-type': 'image/png' }, body: '', bytes: new TextEncoder().encode('<html>login</html>') }))
    await pictures.note('x', '', [found('n1', 'https://cdn.example/big.png'), found('s1', 'https://cdn.example/page.html')])
    await pictures.settle()
    expect(await pictures.list()).toEqual([])
    expect(pictureEvents).toEqual([])
    expect(logs.map((l) => l.level)).toEqual(['info', 'info'])

    // A 404, a refused connection: the same. Tried again only a day later (or at once for a new address).
    await pictures.note('x', '', [found('n1', 'https://cdn.example/gone.png')])
    answers.set('https://cdn.example/gone.png', () => ({ status: 404, headers: {}, body: '', bytes: new Uint8Array() }))
    await pictures.settle()
    const tried = requests.length
    await pictures.refresh()
    expect(requests.length).toBe(tried)
    now += DAY
    answers.set('https://cdn.example/page.html', () => image(PNG))
    await pictures.refresh()
    expect(await pictures.list()).toEqual([{ channelId: 'south', dataUrl: expect.stringMatching(/^data:image\/png;base64,/) as unknown }])
    expect(logs.every((l) => l.level === 'info')).toBe(true)
  })

  it('asks only https: addresses, so a network cannot point Relink at a service on this computer; plain http only for the sandbox', async () => {
    const pictures = setup()
    answers.set('http://127.0.0.1:8080/admin/reset', () => image(PNG))
    answers.set('file:///etc/passwd', () => image(PNG))
    await pictures.note('x', '', [found('n1', 'http://127.0.0.1:8080/admin/reset'), found('s1', 'file:///etc/passwd')])
    await pictures.settle()
    expect(requests).toEqual([])
    expect(await pictures.list()).toEqual([])
    expect(logs.map((l) => l.level)).toEqual(['info', 'info'])

    const sandboxed = setup({ allowHttp: true })
    answers.set('http://127.0.0.1:8080/pictures/n2.png', () => image(PNG))
    await sandboxed.note('x', '', [found('n1', 'http://127.0.0.1:8080/pictures/n2.png')])
    await sandboxed.settle()
    expect(requests.map((r) => r.url)).toEqual(['http://127.0.0.1:8080/pictures/n2.png'])
  })

  it('never fails the listing that named the pictures, even when it cannot write them down', async () => {
    const pictures = setup()
    database.sqlite.exec('DROP TABLE channel_pictures')
    await expect(pictures.note('x', '', [found('n1', 'https://cdn.example/n1.png')])).resolves.toBeUndefined()
    expect(logs.map((l) => l.level)).toEqual(['warn'])
  })

  it('downloads nothing for accounts that were listed but never picked as channels', async () => {
    const pictures = setup()
    await pictures.note('x', '', [found('unpicked', 'https://cdn.example/u.png')])
    await pictures.settle()
    expect(requests).toEqual([])
  })

  it('tells images by their bytes, not by what the server calls them', () => {
    expect(sniffImage(PNG)).toBe('image/png')
    expect(sniffImage(JPEG)).toBe('image/jpeg')
    expect(sniffImage(new TextEncoder().encode('GIF89a...'))).toBe('image/gif')
    expect(sniffImage(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp')
    expect(sniffImage(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined()
  })
})
