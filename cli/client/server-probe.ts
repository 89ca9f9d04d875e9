/**
 * Asks a server who a token belongs to, before any replica is opened: a
 * short-lived connection to `org` that waits for the `hello` frame (or the
 * denial) and closes. Used when this computer has never seen the token.
 */
import * as decoding from 'lib0/decoding'
import { WebSocket } from 'ws'
import { HUDDLE_VERSION, MESSAGE, PROTOCOL_VERSION, type ServerHello } from '../../core/wire.js'

export type ProbeResult =
  | { readonly kind: 'hello'; readonly hello: ServerHello }
  | { readonly kind: 'denied'; readonly code: number; readonly reason: string }
  | { readonly kind: 'unreachable'; readonly detail: string }

export function probeServer(syncUrl: string, token: string, options: { clientVersion?: string; timeoutMs?: number } = {}): Promise<ProbeResult> {
  const params = new URLSearchParams({ token, client: options.clientVersion ?? HUDDLE_VERSION })
  return new Promise((resolve) => {
    let reason: string | null = null
    let isSettled = false
    const ws = new WebSocket(`${syncUrl}/org?${params.toString()}`)
    const settle = (result: ProbeResult): void => {
      if (isSettled) return
      isSettled = true
      clearTimeout(timer)
      ws.removeAllListeners()
      ws.on('error', () => {})
      ws.terminate()
      resolve(result)
    }
    const timer = setTimeout(() => settle({ kind: 'unreachable', detail: 'no answer in time' }), options.timeoutMs ?? 3000)
    ws.binaryType = 'nodebuffer'
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
      const type = decoding.readVarUint(decoder)
      if (type === MESSAGE.auth) {
        decoding.readVarUint(decoder)
        reason = decoding.readVarString(decoder)
        return
      }
      if (type !== MESSAGE.hello)
        return settle({ kind: 'denied', code: 0, reason: `The server at ${syncUrl.replace(/\/sync$/, '')} does not speak huddle's sync protocol (it sent no hello). Check that --server points at a huddle server.` })
      try {
        const hello = JSON.parse(decoding.readVarString(decoder)) as ServerHello
        if (hello.protocol !== PROTOCOL_VERSION)
          return settle({
            kind: 'denied',
            code: 0,
            reason: `The server speaks huddle sync protocol ${hello.protocol} (huddle ${hello.serverVersion}); this huddle (${HUDDLE_VERSION}) speaks protocol ${PROTOCOL_VERSION}. Install the huddle version that matches the server.`,
          })
        settle({ kind: 'hello', hello })
      } catch {
        settle({ kind: 'denied', code: 0, reason: 'The server sent a greeting huddle cannot read; check that --server points at a huddle server.' })
      }
    })
    ws.on('close', (code: number, why: Buffer) => {
      if (code >= 4400 && code < 4500) settle({ kind: 'denied', code, reason: reason ?? why.toString() })
      else settle({ kind: 'unreachable', detail: `closed ${code}` })
    })
    ws.on('error', (error: Error) => settle({ kind: 'unreachable', detail: (error as NodeJS.ErrnoException).code ?? error.message }))
  })
}
