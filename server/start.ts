/**
 * Starts huddle's server: one LevelDB database, the sync server on WebSocket
 * upgrades at `/sync/<docName>`, and the HTTP API (with the web chat widget)
 * on the same port. Replies go out through the carrier's API when one is
 * configured, else to the outbox; chat replies to the widget's visitors. On
 * first start it creates the organisation's admin and reports its token once.
 */
import { createServer, type Server } from 'node:http'
import { HuddleError } from '../core/errors.js'
import { AutoAssigner } from './auto-assign/auto-assigner.js'
import { AvailabilityService } from './availability/availability-service.js'
import { SlaService } from './sla/sla-service.js'
import { ReportService } from './reports/report-service.js'
import { ChatService } from './chat/chat-service.js'
import { DirectoryAccess } from './directory/directory-access.js'
import type { AdminBootstrap } from './directory/admin-bootstrap.js'
import { openDirectoryAdmin } from './directory/directory-admin.js'
import { SettingsStore } from './directory/settings-store.js'
import { createHttpApi } from './http/http-api.js'
import { HistoryMover } from './history/history-mover.js'
import { HistoryReconciler } from './history/history-reconciler.js'
import { HistoryStore } from './history/history-store.js'
import { InboundPipeline } from './inbound/inbound-pipeline.js'
import { CarrierAdapter } from './outbound/carrier-adapter.js'
import type { OutboundAdapter } from './outbound/outbound-adapter.js'
import { OutboundDispatcher } from './outbound/outbound-dispatcher.js'
import type { RunningServer, ServerOptions } from './server-options.js'
import { HistoryCatalog } from './search/history-catalog.js'
import { LiveCatalog } from './search/live-catalog.js'
import { ObservedStore, type StoreListener } from './search/observed-store.js'
import { SearchService } from './search/search-service.js'
import { openStorage } from './store/open-storage.js'
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

async function resetAdminToken(firstAdmin: AdminBootstrap, adminToken: string | undefined, log: (line: string) => void): Promise<string | null> {
  const token = await firstAdmin.resetAdminToken(adminToken)
  log('The admin token was reset: the old one no longer works.')
  return adminToken === undefined ? token : null
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? (() => {})
  const now = options.now ?? Date.now
  const { storage: db, cluster } = await openStorage(options.dataDir, options.redisUrl, log)
  // A directory this release cannot read stops the start, and must not leave the database open.
  const settings = await SettingsStore.open(db.records).catch(async (error: unknown) => {
    await db.close()
    throw error
  })
  // Read-only, so built before the sync server asks it about connections; the admin services that change it need the sync server's documents.
  const access = new DirectoryAccess({ records: db.records, settings })
  // Every stored update passes here, so search follows clients' and the server's changes alike.
  const documents = new ObservedStore(db.documents)
  const sync = new SyncServer({
    store: documents,
    access,
    log,
    now,
    ...(cluster ? { awarenessBus: cluster.awareness } : {}),
    ...(options.maxPayload === undefined ? {} : { maxPayload: options.maxPayload }),
    ...(options.syncLimits === undefined ? {} : { syncLimits: options.syncLimits }),
  })
  // Another node changed the directory or a token: read it again and cut off whom it refuses.
  cluster?.onRemoteChange(() => {
    settings
      .reload()
      .then(() => sync.recheckSessions())
      .catch((error: unknown) => log(`cluster: could not re-read the directory: ${error instanceof Error ? error.message : String(error)}`))
  })
  let outbound: OutboundDispatcher | undefined
  let http: Server | undefined
  let catalog: LiveCatalog | undefined
  let search: SearchService | undefined
  let availability: AvailabilityService | undefined
  let autoAssigner: AutoAssigner | undefined
  let sla: SlaService | undefined
  try {
    const { firstAdmin, ...admin } = await openDirectoryAdmin({ records: db.records, settings, access, hub: sync, now })
    const history = new HistoryStore(db.records)
    const reconciler = new HistoryReconciler({ records: db.records, hub: sync, directory: access, history, log })
    const mover = new HistoryMover({ hub: sync, directory: access, history, now, log })
    const inbound = await InboundPipeline.open({ records: db.records, hub: sync, directory: access, history, now })
    const onStored = (listener: StoreListener): (() => void) => documents.onChange(listener)
    const debounceMs = options.searchDebounceMs ?? 250
    catalog = new LiveCatalog({ hub: sync, store: documents, records: db.records, directory: () => access.directory, onStored, debounceMs, log })
    search = SearchService.open({
      dataDir: options.dataDir,
      store: documents,
      onStored,
      catalogs: [catalog, new HistoryCatalog(history, () => access.directory)],
      directory: () => access.directory,
      reindex: options.reindex === true,
      debounceMs,
      log,
      now,
    })
    const service = await AvailabilityService.open({
      records: db.records,
      hub: sync,
      sockets: sync,
      directory: () => access.directory,
      now,
      log,
      ...(options.availabilitySweepMs === undefined ? {} : { sweepMs: options.availabilitySweepMs }),
    })
    const assigner = new AutoAssigner({
      hub: sync,
      directory: () => access.directory,
      status: (user) => service.status(user),
      now,
      log,
      ...(options.autoAssignDebounceMs === undefined ? {} : { debounceMs: options.autoAssignDebounceMs }),
    })
    availability = service
    autoAssigner = assigner
    // Each change is assigned from by the node that stored it; another cluster node's changes are its to act on.
    onStored((name, change) => change !== 'elsewhere' && assigner.onStored(name))
    service.onChange((user) => assigner.onAvailability(user))
    assigner.rescan()
    sla = await SlaService.start({
      records: db.records,
      hub: sync,
      directory: access,
      history,
      now,
      log,
      ...(options.slaSweepMs === undefined ? {} : { sweepMs: options.slaSweepMs }),
    })
    const chat = new ChatService({
      records: db.records,
      hub: sync,
      directory: access,
      inbound,
      now,
      log,
      ...(options.chatStreams === undefined ? {} : { streams: options.chatStreams }),
      ...(options.chatVisitorsPerMinute === undefined ? {} : { visitorsPerMinute: options.chatVisitorsPerMinute }),
    })
    // Known once listening; the carrier posts delivery receipts there.
    let baseUrl: string | undefined
    const carrier = options.carrier
      ? new CarrierAdapter({
          ...options.carrier,
          ...options.carrierRetry,
          records: db.records,
          now,
          statusCallback: () => `${(options.publicUrl ?? baseUrl ?? '').replace(/\/+$/, '')}/webhooks/status`,
          log,
        })
      : undefined
    const adapters: Partial<Record<'sms' | 'whatsapp' | 'chat', OutboundAdapter>> = { chat, ...(carrier ? { sms: carrier, whatsapp: carrier } : {}) }
    outbound = OutboundDispatcher.start({
      records: db.records,
      hub: sync,
      directory: access,
      now,
      log,
      adapters,
      onDelivery: (doc, messageId, delivery) => chat.onDelivery(doc, messageId, delivery),
    })
    http = createServer(
      createHttpApi({
        access,
        admin,
        inbound,
        outbound,
        chat,
        history: { store: history, hub: sync, inboxDocs: () => mover.inboxDocs() },
        search,
        availability,
        sla,
        reports: new ReportService({ hub: sync, history, directory: access, breaches: sla, now }),
        now,
        log,
        ...(cluster ? { cluster: () => cluster.health() } : {}),
        ...(options.webhookSecret === undefined ? {} : { webhookSecret: options.webhookSecret }),
        ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
      }),
    )
    http.on('upgrade', (request, socket, head) => sync.handleUpgrade(request, socket, head))
    const port = await listen(http, options.port, options.host)
    const url = `http://${options.host}:${port}`
    baseUrl = url
    // Only once listening: a start that fails (a port in use, say) must not
    // create the organisation without ever showing its admin's token.
    const createdAdminToken = options.resetAdminToken
      ? await resetAdminToken(firstAdmin, options.adminToken, log)
      : await firstAdmin.bootstrap(options.adminToken)
    if (createdAdminToken) log(`Admin token: ${createdAdminToken}`)
    log(`Listening on ${url}`)
    const sweep = (): void => {
      mover.sweep().catch((error: unknown) => log(`history: the move to history failed and is retried at the next sweep: ${error instanceof Error ? error.message : String(error)}`))
    }
    const sweeper = setInterval(sweep, options.historySweepMs ?? 20_000)
    sweeper.unref()
    sweep()
    let closing: Promise<void> | null = null
    const stopOutbound = outbound
    const listening = http
    const stopCatalog = catalog
    const stopSearch = search
    const stopAvailability = service
    const stopSla = sla
    return {
      url,
      port,
      createdAdminToken,
      close: () =>
        (closing ??= (async () => {
          const stopped = new Promise<void>((resolve) => listening.close(() => resolve()))
          clearInterval(sweeper)
          await mover.idle()
          reconciler.close()
          await reconciler.idle()
          await assigner.close()
          await stopAvailability.close()
          await stopSla.stop()
          await inbound.idle()
          await sync.close()
          listening.closeAllConnections()
          await stopped
          await stopOutbound.stop()
          await stopCatalog.close()
          await stopSearch.close()
          await db.close()
        })()),
    }
  } catch (error) {
    http?.close()
    await outbound?.stop()
    await sync.close()
    await catalog?.close()
    await search?.close()
    await autoAssigner?.close()
    await availability?.close()
    await sla?.stop()
    await db.close()
    throw error
  }
}
