/**
 * Everything a service needs from the outside world. `src/main/index.ts` wires Electron and Node
 * implementations; tests wire fakes or real local equivalents. Services never reach around these.
 */
import type { AppSettings } from '../shared/domain/settings'
import type { XlsxProgress, XlsxReport } from './reports/xlsx-report'

/** Wall-clock time in unix milliseconds (UTC). Tests pass a clock they can move. */
export interface Clock {
  now(): number
}

/**
 * Fresh identifiers: row ids, publishing markers, secrets the sandbox issues. Random from
 * `node:crypto` in the app; a seeded sequence in simulations, so a run is a function of its seed
 * (the same hidden input as the wall clock, and injected for the same reason).
 */
export interface IdSource {
  /** A version-4 UUID (RFC 9562 §5.4). */
  uuid(): string
  /** `length` random bytes. */
  bytes(length: number): Uint8Array
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface HttpRequest {
  method: HttpMethod
  url: string
  headers?: Record<string, string>
  /** A string body is sent as-is; set `content-type` yourself. */
  body?: string | Uint8Array
  /** Milliseconds before the request is abandoned as a transport failure. */
  timeoutMs?: number
  signal?: AbortSignal
  /**
   * `bytes`: the answer is binary (a picture) and comes back in `HttpResponse.bytes`, read up to
   * `maxBytes` plus one byte, so a caller can tell an answer too large without holding all of it.
   */
  responseType?: 'text' | 'bytes'
  maxBytes?: number
}

export interface HttpResponse {
  status: number
  /** Header names lower-cased. */
  headers: Record<string, string>
  /** The raw body as text; callers parse it (and treat unparsable JSON as transient). */
  body: string
  /** The raw body when the request asked for `responseType: 'bytes'` (then `body` is empty). */
  bytes?: Uint8Array
}

/** Raised by `Http.request` when no HTTP answer arrived: DNS, refused, reset, timeout, abort. */
export class HttpTransportError extends Error {
  constructor(
    readonly kind: 'timeout' | 'aborted' | 'network',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'HttpTransportError'
  }
}

/** The only way a service talks to a network. */
export interface Http {
  request(req: HttpRequest): Promise<HttpResponse>
}

/** Encrypts secrets before they touch disk. Electron's async `safeStorage` in the app. */
export interface SecretBox {
  /** `os`: a keychain-backed key; `basic_text`: Linux without a keyring (obfuscation only). */
  backend(): SecretBackend
  encrypt(plain: string): Promise<Uint8Array>
  decrypt(cipher: Uint8Array): Promise<string>
}
export type SecretBackend = 'os' | 'basic_text' | 'unavailable'

export interface DesktopNotification {
  /** Stable id so a repeated notification for the same profile and stage can be recognised. */
  id: string
  title: string
  body: string
  /** What clicking it opens, passed back through `onClick`. */
  target: { kind: 'profile' | 'delivery' | 'app'; id?: string }
  /** A button that does the same as clicking, where the platform shows buttons ("Fix it"). */
  actionLabel?: string
}

export interface Notifier {
  show(notification: DesktopNotification): void
  onClick(listener: (target: DesktopNotification['target']) => void): () => void
}

export type TrayLevel = 'healthy' | 'expiring' | 'broken'

/** The tray follows the one Needs attention list: its level, its count, its broken connections and its waiting posts. */
export interface TrayState {
  level: TrayLevel
  tooltip: string
  brokenProfiles: { id: string; label: string }[]
  /** Posts waiting for a decision (failed, needs review, missed, held): one menu entry opens the list. */
  waitingPosts: number
}

export interface TrayView {
  render(state: TrayState): void
}

/** Opens a URL in the user's default browser (never an embedded webview for network logins). */
export interface BrowserOpener {
  open(url: string): Promise<void>
}

/** Typed, validated application settings (electron-store in the app). */
export interface SettingsStore {
  read(): AppSettings
  write(next: AppSettings): void
}

export interface TimerHandle {
  cancel(): void
}

/** One-shot wake-ups at an absolute time (node-schedule in the app, a fake clock in tests). */
export interface Timer {
  at(whenMs: number, callback: () => void): TimerHandle
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

/** Structured log lines. Implementations redact token material before anything is written. */
export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void
}

/**
 * Main's own open dialog. The only source of local file paths the core reads, so a window cannot
 * make Relink read an arbitrary file by naming it.
 */
export interface FilePicker {
  /** The picked image's path, or null when the person cancelled. */
  pickImage(): Promise<string | null>
}

/**
 * Main's own save dialog. The only way a report reaches a path: the window asks for a report and
 * the person picks where it goes, so a window can never make Relink write to a path it names.
 */
export interface SaveDialog {
  /** The chosen path, or null when the person cancelled. */
  chooseReportPath(input: { title: string; defaultName: string; format: 'csv' | 'xlsx' | 'pdf' }): Promise<string | null>
  /** A folder for scheduled reports, or null when the person cancelled. */
  chooseFolder(input: { title: string }): Promise<string | null>
}

/**
 * Main's own open dialog for files the person brings in (saved replies as CSV). The window asks
 * for an import and the person picks the file, so a window can never make Relink read a path it names.
 */
export interface OpenFileDialog {
  /** The chosen file's path, or null when the person cancelled. */
  chooseFile(input: { title: string; format: 'csv' }): Promise<string | null>
}

/** A page to print: self-contained HTML (no scripts, nothing fetched; sizes and margins in its CSS `@page`). */
export interface PdfPage {
  html: string
  /** Chromium's footer template: `pageNumber`, `totalPages`, `title` classes; explicit font sizes. */
  footerTemplate: string
}

/**
 * Chromium's print pipeline: Electron's `webContents.printToPDF` on a hidden window in the app,
 * Playwright's `page.pdf` in tests. Text and SVG stay vector.
 */
export interface PdfPrinter {
  print(page: PdfPage): Promise<Uint8Array>
}

/**
 * Writes an Excel report to `path` off the main thread (a worker thread in the app and in tests),
 * telling progress in rows; an aborted signal stops it with a `cancelled` AppError.
 */
export interface XlsxWriter {
  write(report: XlsxReport, path: string, options?: { signal?: AbortSignal; onProgress?: XlsxProgress }): Promise<void>
}

/**
 * Copies the database's write-ahead log back into the database file off main's thread (a worker
 * thread in the app), so main's commits do not wait for those copies and their fsyncs. `onStopped`
 * is told if the checkpoints stop by themselves (the thread failed); main then checkpoints again.
 */
export interface WalCheckpoints {
  start(file: string, onStopped: (reason: string) => void): { stop(): Promise<void> }
}
