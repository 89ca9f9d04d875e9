import { resolve } from 'node:path'
import { defineCommand } from '../command.js'
import { DEFAULT_STREAM_LIMITS } from '../../core/chat-stream-limits.js'
import { DEFAULT_VISITORS_PER_MINUTE } from '../../core/chat-visitor-limits.js'
import { HuddleError } from '../../core/errors.js'
import { formatBytes } from '../../core/byte-size.js'
import { DEFAULT_SYNC_LIMITS, type SyncLimits } from '../../core/sync-limits.js'
import type { CarrierConfig } from '../../server/outbound/carrier-adapter.js'
import { limitProblem } from '../flags.js'
import { say } from '../output.js'

function portProblem(value: string | number): string | undefined {
  const port = Number(value)
  return Number.isInteger(port) && port >= 0 && port <= 65535 ? undefined : `Port \`${value}\` is not valid: give 0–65535 (0 picks a free port).`
}

function urlProblem(value: string | number): string | undefined {
  try {
    new URL(String(value))
    return undefined
  } catch {
    return `Public URL \`${value}\` is not a URL; give it like \`--public-url https://huddle.example.com\`.`
  }
}

function redisUrlProblem(value: string | number): string | undefined {
  try {
    const url = new URL(String(value))
    if (url.protocol === 'redis:' || url.protocol === 'rediss:') return undefined
  } catch {
    // Reported below.
  }
  return `Redis URL \`${value}\` is not a redis:// URL; give it like \`--redis redis://127.0.0.1:6379\`.`
}

function carrierUrlProblem(value: string | number): string | undefined {
  try {
    const url = new URL(String(value))
    if (url.protocol === 'http:' || url.protocol === 'https:') return undefined
  } catch {
    // Reported below.
  }
  return `Carrier URL \`${value}\` is not an http(s) URL; give the API's base, e.g. \`--carrier-url https://api.carrier.example\`.`
}

/** A byte size flag: a whole number of bytes from 1. */
function bytesProblem(flag: string) {
  return (value: string | number): string | undefined =>
    Number.isSafeInteger(value) && Number(value) >= 1 ? undefined : `\`--${flag} ${value}\` is not valid: give a whole number of bytes from 1, e.g. \`--${flag} 65536\`.`
}

/** The sync limits given on the command line; the others keep their defaults. */
function syncLimits(flags: { readonly [K in keyof SyncLimits]?: number | undefined }): Partial<SyncLimits> {
  return Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined))
}

/** The carrier settings, all three or none; a partial set is refused, naming what is missing. */
function carrierConfig(url: string | undefined, accountSid: string | undefined, authToken: string | undefined): CarrierConfig | undefined {
  if (url === undefined && accountSid === undefined && authToken === undefined) return undefined
  const missing = [
    url === undefined && '--carrier-url (or HUDDLE_CARRIER_URL)',
    accountSid === undefined && '--carrier-account (or HUDDLE_CARRIER_ACCOUNT)',
    authToken === undefined && '--carrier-token (or HUDDLE_CARRIER_TOKEN)',
  ].filter(Boolean)
  if (missing.length > 0) throw new HuddleError('invalid', `Sending through a carrier needs its URL, account and token; give ${missing.join(' and ')} too.`)
  const problem = carrierUrlProblem(url!)
  if (problem) throw new HuddleError('invalid', problem)
  return { url: url!, accountSid: accountSid!, authToken: authToken! }
}

export const serve = defineCommand({
  name: 'serve',
  summary: 'Run the huddle server: sync for the dashboards, the HTTP API, and carrier webhooks.',
  usage:
    'serve [--host 127.0.0.1] [--port 8787] [--data ./huddle-data] [--webhook-secret SECRET] [--public-url URL] [--carrier-url URL --carrier-account SID --carrier-token TOKEN] [--chat-streams N] [--chat-streams-per-visitor N] [--chat-streams-per-address N] [--chat-visitors-per-minute N] [--max-sockets-per-user N] [--max-presence-bytes B] [--max-update-bytes B] [--max-document-bytes B] [--redis redis://HOST:PORT] [--reset-admin-token] [--reindex]',
  args: [],
  flags: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'number', default: 8787, check: portProblem },
    data: { type: 'string', default: './huddle-data' },
    webhookSecret: { type: 'string' },
    publicUrl: { type: 'string', check: urlProblem },
    carrierUrl: { type: 'string', check: carrierUrlProblem },
    carrierAccount: { type: 'string' },
    carrierToken: { type: 'string' },
    chatStreams: { type: 'number', check: limitProblem },
    chatStreamsPerVisitor: { type: 'number', check: limitProblem },
    chatStreamsPerAddress: { type: 'number', check: limitProblem },
    chatVisitorsPerMinute: { type: 'number', check: limitProblem },
    maxSocketsPerUser: { type: 'number', check: limitProblem },
    maxPresenceBytes: { type: 'number', check: bytesProblem('max-presence-bytes') },
    maxUpdateBytes: { type: 'number', check: bytesProblem('max-update-bytes') },
    maxDocumentBytes: { type: 'number', check: bytesProblem('max-document-bytes') },
    redis: { type: 'string', check: redisUrlProblem },
    resetAdminToken: { type: 'boolean' },
    reindex: { type: 'boolean' },
  },
  help: `
Options
  --host HOST              Interface to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --port PORT              Port to listen on (default 8787; 0 picks a free one)
  --data DIR               Folder of the database (default ./huddle-data), created when missing
  --webhook-secret SECRET  Check carriers' webhook signatures with this secret
                           (default: $HUDDLE_WEBHOOK_SECRET; unchecked when neither is set)
  --public-url URL         The public URL carriers sign their webhooks against
                           (default: http://<Host header>)
  --carrier-url URL        Send SMS and WhatsApp replies through this carrier REST messaging API
                           (its Messages resource); without it replies go to the outbox
  --carrier-account SID    The carrier account id (basic-auth user)
  --carrier-token TOKEN    The carrier auth token (basic-auth password)
  --chat-streams N         Live chat windows open at once, all visitors together (default ${DEFAULT_STREAM_LIMITS.total})
  --chat-streams-per-visitor N
                           Live chat windows one visitor may keep open (default ${DEFAULT_STREAM_LIMITS.perVisitor})
  --chat-streams-per-address N
                           Live chat windows open from one client address, an IPv4 address or an
                           IPv6 /64 (default ${DEFAULT_STREAM_LIMITS.perAddress})
  --chat-visitors-per-minute N
                           New chat visitors one client address may start a minute (default ${DEFAULT_VISITORS_PER_MINUTE})
  --max-sockets-per-user N
                           Sync connections one user may hold open at once; one more is closed 4429
                           (default ${DEFAULT_SYNC_LIMITS.maxSocketsPerUser})
  --max-presence-bytes B   Largest presence state; a larger one closes its connection 4413
                           (default ${DEFAULT_SYNC_LIMITS.maxPresenceBytes}, ${formatBytes(DEFAULT_SYNC_LIMITS.maxPresenceBytes)})
  --max-update-bytes B     Largest update a client may send; a larger one is refused
                           (default ${DEFAULT_SYNC_LIMITS.maxUpdateBytes}, ${formatBytes(DEFAULT_SYNC_LIMITS.maxUpdateBytes)})
  --max-document-bytes B   Storage quota of one document; clients' updates past it are refused
                           (default ${DEFAULT_SYNC_LIMITS.maxDocumentBytes}, ${formatBytes(DEFAULT_SYNC_LIMITS.maxDocumentBytes)})
  --redis URL              Run as one node of a cluster sharing this Redis (redis://HOST:PORT;
                           default: $HUDDLE_REDIS_URL): documents and records live there, --data holds
                           only this node's search index. Redis must run with appendonly yes,
                           appendfsync always and maxmemory-policy noeviction
  --reset-admin-token      Give the admin \`admin\` a new token (HUDDLE_ADMIN_TOKEN, else random, printed once)
                           and restore its admin permission and licences: recovers a lost admin token.
                           The old token stops working.
  --reindex                Throw the search index away and rebuild it from the documents
                           (it is rebuilt by itself when missing or not closed cleanly)

Environment
  HUDDLE_ADMIN_TOKEN       The bootstrap admin's token on first start or with --reset-admin-token
                           (random and printed once when unset)
  HUDDLE_WEBHOOK_SECRET    As --webhook-secret
  HUDDLE_REDIS_URL         As --redis
  HUDDLE_CARRIER_URL, HUDDLE_CARRIER_ACCOUNT, HUDDLE_CARRIER_TOKEN
                           As --carrier-url, --carrier-account, --carrier-token

The web chat widget is served at /chat/<key> for every routing address used
as a widget key; websites embed it with /chat/embed.js.

The first start creates the organisation and an admin holding every licence,
and prints that admin's token once, once it is listening (a start that fails
creates nothing). Lost it? Run the server once with --reset-admin-token: only
someone who can start the server on its data folder can. The server runs until stopped (Ctrl-C or SIGTERM).

Examples
  $ huddle serve
  $ huddle serve --host 0.0.0.0 --port 8080 --data /var/lib/huddle --public-url https://huddle.example.com
  $ HUDDLE_ADMIN_TOKEN=s3cret huddle serve --port 0
  $ huddle serve --port 8081 --redis redis://10.0.0.5:6379   # one node of several
  $ HUDDLE_CARRIER_TOKEN=… huddle serve --carrier-url https://api.carrier.example --carrier-account AC123
`,
  async run({ flags, io }) {
    // Loaded here, not at the top, so that other commands start without the server.
    const { startServer } = await import('../../server/start.js')
    const adminToken = io.env.HUDDLE_ADMIN_TOKEN?.trim() || undefined
    const redisUrl = flags.redis ?? (io.env.HUDDLE_REDIS_URL?.trim() || undefined)
    const redisProblem = redisUrl === undefined ? undefined : redisUrlProblem(redisUrl)
    if (redisProblem) throw new HuddleError('invalid', redisProblem)
    const webhookSecret = flags.webhookSecret ?? (io.env.HUDDLE_WEBHOOK_SECRET?.trim() || undefined)
    const carrier = carrierConfig(
      flags.carrierUrl ?? (io.env.HUDDLE_CARRIER_URL?.trim() || undefined),
      flags.carrierAccount ?? (io.env.HUDDLE_CARRIER_ACCOUNT?.trim() || undefined),
      flags.carrierToken ?? (io.env.HUDDLE_CARRIER_TOKEN?.trim() || undefined),
    )
    // Listen for the signal before starting: one that comes while the server
    // starts must stop it politely, not kill the process.
    const stopped = io.untilStopped()
    const server = await startServer({
      host: flags.host,
      port: flags.port,
      dataDir: resolve(io.cwd, flags.data),
      ...(redisUrl === undefined ? {} : { redisUrl }),
      ...(adminToken === undefined ? {} : { adminToken }),
      resetAdminToken: flags.resetAdminToken === true,
      ...(webhookSecret === undefined ? {} : { webhookSecret }),
      ...(flags.publicUrl === undefined ? {} : { publicUrl: flags.publicUrl }),
      ...(carrier === undefined ? {} : { carrier }),
      chatStreams: {
        ...(flags.chatStreams === undefined ? {} : { total: flags.chatStreams }),
        ...(flags.chatStreamsPerVisitor === undefined ? {} : { perVisitor: flags.chatStreamsPerVisitor }),
        ...(flags.chatStreamsPerAddress === undefined ? {} : { perAddress: flags.chatStreamsPerAddress }),
      },
      ...(flags.chatVisitorsPerMinute === undefined ? {} : { chatVisitorsPerMinute: flags.chatVisitorsPerMinute }),
      syncLimits: syncLimits({
        maxSocketsPerUser: flags.maxSocketsPerUser,
        maxPresenceBytes: flags.maxPresenceBytes,
        maxUpdateBytes: flags.maxUpdateBytes,
        maxDocumentBytes: flags.maxDocumentBytes,
      }),
      reindex: flags.reindex === true,
      log: (line) => io.stdout(`${line}\n`),
    })
    await stopped
    say(io, 'Stopping: finishing writes and closing connections…')
    await server.close()
    say(io, 'Stopped.')
  },
})
