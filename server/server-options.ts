/** Options of `huddle serve` and of the embedded server (demo, tests). */
import type { StreamLimits } from '../core/chat-stream-limits.js'
import type { SyncLimits } from '../core/sync-limits.js'
import type { CarrierConfig } from './outbound/carrier-adapter.js'

export type ServerOptions = {
  readonly host: string
  /** 0 picks a free port. */
  readonly port: number
  /** Folder of the LevelDB database (in cluster mode, of this node's search index); created when missing. */
  readonly dataDir: string
  /** Run as one node of a cluster sharing this Redis (`redis://host:port`) instead of the LevelDB folder. */
  readonly redisUrl?: string
  /** Token of the bootstrap admin on first start; random when absent. */
  readonly adminToken?: string
  /** Give the bootstrap admin a new token (`adminToken`, else random) and report it; recovers a lost one. */
  readonly resetAdminToken?: boolean
  /** HMAC secret for carrier webhooks; signatures are not checked when absent. */
  readonly webhookSecret?: string
  /** Public base URL the carrier signs against; `http://<Host header>` when absent. */
  readonly publicUrl?: string
  /** The carrier's REST messaging API for SMS and WhatsApp replies; the outbox when absent. */
  readonly carrier?: CarrierConfig
  /** Tunes the carrier adapter's retries (tests, benchmarks); defaults otherwise. */
  readonly carrierRetry?: { readonly timeoutMs?: number; readonly attempts?: number; readonly backoffMs?: number }
  /** Caps on the web chat's open event streams: per visitor, per client address and in all (defaults in core/chat-stream-limits.ts). */
  readonly chatStreams?: Partial<StreamLimits>
  /** New chat visitors one client address may start a minute (default in core/chat-visitor-limits.ts). */
  readonly chatVisitorsPerMinute?: number
  /** Largest WebSocket frame accepted, in bytes (default 1 MiB, raised to carry the largest update allowed). */
  readonly maxPayload?: number
  /** Caps on presence states, sockets per user, update and document sizes (defaults in core/sync-limits.ts). */
  readonly syncLimits?: Partial<SyncLimits>
  /** How often archived conversations past their inbox's retention are moved to history (default 20 s). */
  readonly historySweepMs?: number
  /** How often users' online state is derived again from the clock, so the two-minute grace ends (default 10 s). */
  readonly availabilitySweepMs?: number
  /** How long an inbox's changes are gathered into one auto-assignment pass, in ms (default 50). */
  readonly autoAssignDebounceMs?: number
  /** How often every open conversation of an inbox with an SLA policy is checked for breaches (default 30 s). */
  readonly slaSweepMs?: number
  /** The server's clock (Date.now by default); tests move it, e.g. past a WhatsApp window. Clients correct theirs by it. */
  readonly now?: () => number
  /** Throw the search index away and rebuild it from the documents (`huddle serve --reindex`). */
  readonly reindex?: boolean
  /** How long a document must be quiet before search reindexes it, in ms (default 250). */
  readonly searchDebounceMs?: number
  /** Where the server writes its lines (`Listening on …`, `Admin token: …`). */
  readonly log?: (line: string) => void
}

export type RunningServer = {
  readonly url: string
  readonly port: number
  /** The bootstrap admin's token when this start created (or reset) it and chose it at random. */
  readonly createdAdminToken: string | null
  /** Stops accepting, flushes, closes connections and the database. */
  close(): Promise<void>
}
