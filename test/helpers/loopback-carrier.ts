/**
 * A carrier's REST messaging API on loopback, for tests of the carrier
 * adapter: `POST /2010-04-01/Accounts/<sid>/Messages.json` with basic auth
 * and a form body, answering `201 {sid, status}` like the real one. Answers
 * can be scripted one request at a time (500, 429, a permanent 400, or no
 * answer at all), and it honours `Idempotency-Key`: a key it already took
 * gets the same message back instead of a second one.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'

export type CarrierRequest = {
  readonly path: string
  readonly authorization: string | undefined
  readonly idempotencyKey: string | undefined
  readonly form: Readonly<Record<string, string>>
}

export type CarrierMessage = { readonly sid: string; readonly from: string; readonly to: string; readonly body: string; readonly statusCallback: string | null }

/** What to do with one request: take the message (and answer, or not), or fail. */
export type CarrierAnswer =
  | { readonly kind: 'accept' }
  /** Takes the message but never answers (the client times out). */
  | { readonly kind: 'accept-silently' }
  | { readonly kind: 'fail'; readonly status: number; readonly code?: number; readonly message?: string; readonly retryAfter?: number }

export type LoopbackCarrier = {
  readonly url: string
  readonly accountSid: string
  readonly authToken: string
  readonly requests: CarrierRequest[]
  /** Messages the carrier took, i.e. would have sent, once each. */
  readonly messages: CarrierMessage[]
  /** Answers for the next requests, in order; afterwards every request is accepted. */
  script(...answers: CarrierAnswer[]): void
  close(): Promise<void>
}

export async function startLoopbackCarrier(): Promise<LoopbackCarrier> {
  const accountSid = `AC${randomBytes(16).toString('hex')}`
  const authToken = randomBytes(16).toString('hex')
  const requests: CarrierRequest[] = []
  const messages: CarrierMessage[] = []
  const byKey = new Map<string, CarrierMessage>()
  const answers: CarrierAnswer[] = []
  const hanging = new Set<ServerResponse>()
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`

  const reply = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body))
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let text = ''
    for await (const chunk of req) text += String(chunk)
    const form = Object.fromEntries(new URLSearchParams(text))
    const idempotencyKey = req.headers['idempotency-key'] as string | undefined
    requests.push({ path: req.url ?? '', authorization: req.headers.authorization, idempotencyKey, form })
    if (req.method !== 'POST' || req.url !== `/2010-04-01/Accounts/${accountSid}/Messages.json`)
      return reply(res, 404, { code: 20404, message: 'The requested resource was not found', status: 404 })
    if (req.headers.authorization !== expectedAuth) return reply(res, 401, { code: 20003, message: 'Authenticate', status: 401 })
    const answer = answers.shift() ?? { kind: 'accept' }
    if (answer.kind === 'fail')
      return reply(
        res,
        answer.status,
        { code: answer.code ?? answer.status, message: answer.message ?? 'Failure', status: answer.status },
        answer.retryAfter === undefined ? {} : { 'retry-after': String(answer.retryAfter) },
      )
    const known = idempotencyKey === undefined ? undefined : byKey.get(idempotencyKey)
    const message = known ?? {
      sid: `SM${randomBytes(16).toString('hex')}`,
      from: form.From ?? '',
      to: form.To ?? '',
      body: form.Body ?? '',
      statusCallback: form.StatusCallback ?? null,
    }
    if (!known) {
      messages.push(message)
      if (idempotencyKey !== undefined) byKey.set(idempotencyKey, message)
    }
    if (answer.kind === 'accept-silently') {
      hanging.add(res)
      return
    }
    reply(res, 201, { sid: message.sid, status: 'queued', from: message.from, to: message.to, body: message.body, account_sid: accountSid })
  }

  const server = createServer((req, res) => void handle(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    accountSid,
    authToken,
    requests,
    messages,
    script: (...next) => void answers.push(...next),
    async close() {
      for (const res of hanging) res.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
