/**
 * The server's services (directory access and admin, inbound, outbound) over an in-memory
 * record store and hub, and the HTTP API on a real `node:http` server on
 * port 0, called with real `fetch`.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { DirectoryAccess } from '../../../server/directory/directory-access.js'
import type { DirectoryAdmin } from '../../../server/directory/directory-admin.js'
import { createHttpApi } from '../../../server/http/http-api.js'
import { InboundPipeline } from '../../../server/inbound/inbound-pipeline.js'
import type { OutboundAdapter } from '../../../server/outbound/outbound-adapter.js'
import { OutboundDispatcher } from '../../../server/outbound/outbound-dispatcher.js'
import { MemoryRecordStore } from '../../helpers/memory-record-store.js'
import type { Channel } from '../../../core/users.js'
import { MemoryHub } from '../../helpers/memory-hub.js'
import { HistoryStore } from '../../../server/history/history-store.js'
import { openDirectory } from '../../helpers/open-directory.js'

export const ADMIN_TOKEN = 'hud_test-admin-token'

export type Services = {
  readonly records: MemoryRecordStore
  readonly hub: MemoryHub
  readonly access: DirectoryAccess
  readonly admin: DirectoryAdmin
  readonly inbound: InboundPipeline
  readonly outbound: OutboundDispatcher
  readonly logs: string[]
}

export async function startServices(
  options: { adapters?: Partial<Record<Channel, OutboundAdapter>>; records?: MemoryRecordStore; hub?: MemoryHub } = {},
): Promise<Services> {
  const records = options.records ?? new MemoryRecordStore()
  const hub = options.hub ?? new MemoryHub()
  const logs: string[] = []
  const { access, admin } = await openDirectory(records, hub)
  await admin.firstAdmin.bootstrap(ADMIN_TOKEN)
  const inbound = await InboundPipeline.open({ records, hub, directory: access, history: new HistoryStore(records) })
  const outbound = OutboundDispatcher.start({
    records,
    hub,
    directory: access,
    log: (line) => logs.push(line),
    ...(options.adapters ? { adapters: options.adapters } : {}),
  })
  return { records, hub, access, admin, inbound, outbound, logs }
}

export type CallOptions = { token?: string | null; body?: unknown; headers?: Record<string, string> }
// Answers are read loosely in tests: a wrong shape fails the expectation that reads it.
export type Answer = { status: number; body: any; headers: Headers; text: string }

export type ApiFixture = Services & {
  readonly url: string
  call(method: string, path: string, options?: CallOptions): Promise<Answer>
  /** Posts a form as a carrier would. */
  postForm(path: string, fields: Record<string, string>, headers?: Record<string, string>): Promise<Answer>
  close(): Promise<void>
}

export async function startApi(
  options: { webhookSecret?: string; publicUrl?: string; maxBodyBytes?: number; adapters?: Partial<Record<Channel, OutboundAdapter>>; now?: () => number } = {},
): Promise<ApiFixture> {
  const { adapters, ...apiOptions } = options
  const services = await startServices(adapters ? { adapters } : {})
  const server: Server = createServer(createHttpApi({ ...services, ...apiOptions, log: (line) => services.logs.push(line) }))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const answer = async (response: Response): Promise<Answer> => {
    const text = await response.text()
    let body: unknown = undefined
    try {
      body = JSON.parse(text)
    } catch {
      body = undefined
    }
    return { status: response.status, body, headers: response.headers, text }
  }
  return {
    ...services,
    url,
    async call(method, path, { token = ADMIN_TOKEN, body, headers = {} } = {}) {
      const response = await fetch(url + path, {
        method,
        headers: {
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      })
      return answer(response)
    },
    async postForm(path, fields, headers = {}) {
      const response = await fetch(url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(fields).toString(),
      })
      return answer(response)
    },
    async close() {
      await services.outbound.stop()
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
    },
  }
}
