/**
 * Starts huddle's server: one LevelDB database, the sync server on WebSocket
 * upgrades at `/sync/<docName>`, and the HTTP API on the same port. On first
 * start it creates the organisation's admin and reports its token once.
 */
import { createServer, type Server } from 'node:http'
import { HuddleError } from '../core/errors.js'
import { deferredAccess } from './directory/deferred-access.js'
import { DirectoryService } from './directory/directory-service.js'
import { createHttpApi } from './http/http-api.js'
import { InboundPipeline } from './inbound/inbound-pipeline.js'
import { OutboundDispatcher } from './outbound/outbound-dispatcher.js'
import type { RunningServer, ServerOptions } from './server-options.js'
import { Database } from './store/database.js'
import { SyncServer } from './sync/sync-server.js'

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new HuddleError('unavailable', `Port ${port} on ${host} is already in use. Stop what uses it, or start huddle with \`--port\` set to another port.`)
          : error,
      )
    })
    server.listen(port, host, () => {
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : port)
    })
  })
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? (() => {})
  const db = await Database.open(options.dataDir)
  const deferred = deferredAccess()
  const sync = new SyncServer({ store: db.documents, access: deferred.access, log, ...(options.maxPayload === undefined ? {} : { maxPayload: options.maxPayload }) })
  let outbound: OutboundDispatcher | undefined
  try {
    const directory = await DirectoryService.open({ records: db.records, hub: sync })
    deferred.resolve(directory)
    const createdAdminToken = await directory.bootstrap(options.adminToken)
    const inbound = await InboundPipeline.open({ records: db.records, hub: sync, directory })
    outbound = OutboundDispatcher.start({ records: db.records, hub: sync, directory, log })
    const http = createServer(
      createHttpApi({
        directory,
        inbound,
        outbound,
        log,
        ...(options.webhookSecret === undefined ? {} : { webhookSecret: options.webhookSecret }),
        ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
      }),
    )
    http.on('upgrade', (request, socket, head) => sync.handleUpgrade(request, socket, head))
    const port = await listen(http, options.port, options.host)
    const url = `http://${options.host}:${port}`
    if (createdAdminToken) log(`Admin token: ${createdAdminToken}`)
    log(`Listening on ${url}`)
    let closing: Promise<void> | null = null
    const stopOutbound = outbound
    return {
      url,
      port,
      createdAdminToken,
      close: () =>
        (closing ??= (async () => {
          const stopped = new Promise<void>((resolve) => http.close(() => resolve()))
          await inbound.idle()
          await sync.close()
          http.closeAllConnections()
          await stopped
          await stopOutbound.stop()
          await db.close()
        })()),
    }
  } catch (error) {
    await outbound?.stop()
    await sync.close()
    await db.close()
    throw error
  }
}
