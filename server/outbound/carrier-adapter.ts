/**
 * Sends SMS and WhatsApp replies through a carrier's REST messaging API: the
 * form-encoded `Messages` resource,
 *
 *   POST {url}/2010-04-01/Accounts/{accountSid}/Messages.json
 *   Authorization: Basic base64(accountSid:authToken)
 *   Idempotency-Key: <conversation>/<messageId>
 *   From, To, Body, StatusCallback     (WhatsApp addresses as `whatsapp:+…`)
 *
 * answered `201 {"sid": "SM…", "status": "queued", …}`. A 5xx, a 429, a
 * failed connection or no answer within the timeout is retried with
 * exponential backoff; any other 4xx is a permanent failure whose reason is
 * the carrier's message. Before the first attempt the attempt is recorded
 * durably, and every attempt of one reply carries the same idempotency key,
 * so a retry after an ambiguous failure (a timeout, a crash) never makes a
 * carrier that honours the key send twice.
 *
 *   carrier/attempt/<conversation>/<messageId> → { key, firstAt, attempts, sid? }
 */
import type { RecordStore } from '../store/record-store.js'
import type { OutboundAdapter, OutgoingMessage } from './outbound-adapter.js'

export type CarrierConfig = {
  /** Base URL of the carrier's API, e.g. `https://api.carrier.example`. */
  readonly url: string
  readonly accountSid: string
  readonly authToken: string
}

export type CarrierAdapterOptions = CarrierConfig & {
  readonly records: RecordStore
  /** The URL status receipts are posted to (`…/webhooks/status`); asked at each send, since the server learns its port late. */
  readonly statusCallback?: () => string | undefined
  /** How long one request may take (default 10 s). */
  readonly timeoutMs?: number
  /** Attempts in all, the first included (default 4). */
  readonly attempts?: number
  /** Wait before the second attempt, doubled each time (default 500 ms). */
  readonly backoffMs?: number
  readonly fetch?: typeof fetch
  readonly sleep?: (ms: number) => Promise<void>
  readonly now?: () => number
  readonly log?: (line: string) => void
}

const ATTEMPT_PREFIX = 'carrier/attempt/'
const SID = /^[A-Za-z0-9]{1,64}$/
const MAX_RETRY_AFTER_MS = 30_000

type AttemptRecord = { readonly key: string; readonly firstAt: number; readonly attempts: number; readonly sid?: string }

type Outcome =
  | { readonly kind: 'sent'; readonly sid: string }
  | { readonly kind: 'retry'; readonly reason: string; readonly waitMs?: number }
  | { readonly kind: 'permanent'; readonly reason: string }

/** A carrier address: WhatsApp numbers carry the `whatsapp:` prefix. */
export function carrierAddress(channel: OutgoingMessage['channel'], address: string): string {
  return channel === 'whatsapp' ? `whatsapp:${address}` : address
}

export class CarrierAdapter implements OutboundAdapter {
  private readonly endpoint: string
  private readonly authorization: string
  private readonly fetch: typeof fetch
  private readonly sleep: (ms: number) => Promise<void>
  private readonly now: () => number

  constructor(private readonly options: CarrierAdapterOptions) {
    this.endpoint = `${options.url.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`
    this.authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`
    this.fetch = options.fetch ?? globalThis.fetch
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))
    this.now = options.now ?? Date.now
  }

  async send(message: OutgoingMessage): Promise<{ externalId: string }> {
    const key = `${message.conversation}/${message.messageId}`
    const recordKey = ATTEMPT_PREFIX + key
    let record: AttemptRecord = (await this.options.records.get<AttemptRecord>(recordKey)) ?? { key, firstAt: this.now(), attempts: 0 }
    // The carrier already took it (the sid was not yet passed on when we stopped): never send again.
    if (record.sid !== undefined) return { externalId: record.sid }
    const attempts = this.options.attempts ?? 4
    let last = ''
    for (let attempt = 1; attempt <= attempts; attempt++) {
      record = { ...record, attempts: record.attempts + 1 }
      // On disk before the request leaves: whatever happens next, a retry reuses the key.
      await this.options.records.batch([{ type: 'put', key: recordKey, value: record }])
      const outcome = await this.post(message, key)
      switch (outcome.kind) {
        case 'sent':
          await this.options.records.batch([{ type: 'put', key: recordKey, value: { ...record, sid: outcome.sid } }])
          return { externalId: outcome.sid }
        case 'permanent':
          throw new Error(outcome.reason)
        case 'retry': {
          last = outcome.reason
          if (attempt === attempts) break
          const backoff = (this.options.backoffMs ?? 500) * 2 ** (attempt - 1)
          this.options.log?.(`Carrier attempt ${attempt} for ${key} failed (${outcome.reason}); retrying.`)
          await this.sleep(Math.max(backoff, outcome.waitMs ?? 0))
        }
      }
    }
    throw new Error(`the carrier did not take the message after ${attempts} attempts (last: ${last})`)
  }

  private async post(message: OutgoingMessage, key: string): Promise<Outcome> {
    const form = new URLSearchParams({
      From: carrierAddress(message.channel, message.from),
      To: carrierAddress(message.channel, message.to),
      Body: message.body,
    })
    const callback = this.options.statusCallback?.()
    if (callback) form.set('StatusCallback', callback)
    const timeoutMs = this.options.timeoutMs ?? 10_000
    let response: Response
    let text: string
    try {
      response = await this.fetch(this.endpoint, {
        method: 'POST',
        headers: {
          authorization: this.authorization,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
          'idempotency-key': key,
        },
        body: form.toString(),
        signal: AbortSignal.timeout(timeoutMs),
      })
      text = await response.text()
    } catch (error) {
      const name = error instanceof Error ? error.name : ''
      if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'retry', reason: `no answer within ${timeoutMs} ms` }
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error
      const detail = cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ?? cause.message) : String(cause)
      return { kind: 'retry', reason: `could not reach the carrier (${detail})` }
    }
    const body = parseJson(text)
    if (response.ok) {
      const sid = body?.sid
      if (typeof sid === 'string' && SID.test(sid)) return { kind: 'sent', sid }
      return { kind: 'permanent', reason: `the carrier answered ${response.status} without a message sid` }
    }
    const said = carrierMessage(body)
    if (response.status === 429 || response.status >= 500) {
      const retryAfter = Number(response.headers.get('retry-after'))
      const waitMs = Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, MAX_RETRY_AFTER_MS) : undefined
      return { kind: 'retry', reason: `HTTP ${response.status}${said ? `: ${said}` : ''}`, ...(waitMs === undefined ? {} : { waitMs }) }
    }
    return { kind: 'permanent', reason: `the carrier refused the message (${said || `HTTP ${response.status}`})` }
  }
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text) as unknown
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** `21211: The 'To' number … is not valid` from the carrier's error body. */
function carrierMessage(body: Record<string, unknown> | null): string {
  if (!body) return ''
  const message = typeof body.message === 'string' ? body.message : ''
  const code = typeof body.code === 'number' || typeof body.code === 'string' ? String(body.code) : ''
  return code && message ? `${code}: ${message}` : message || code
}
