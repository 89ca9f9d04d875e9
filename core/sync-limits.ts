/**
 * What one user, one connection and one document may take of the sync
 * server: the limits, their defaults (docs/design.md, "## Limits", has the
 * whole table with the `huddle serve` flags) and the checks, each a refusal
 * saying what was too big and what to do.
 */
import { formatBytes } from './byte-size.js'
import { HuddleError } from './errors.js'

export type SyncLimits = {
  /** Bytes of one presence (awareness) state's JSON, as the client sends it. */
  readonly maxPresenceBytes: number
  /** WebSocket connections one user may hold open at once, to all documents together. */
  readonly maxSocketsPerUser: number
  /** Bytes of one update a client sends (a sync step 2 carries all of its offline work in one). */
  readonly maxUpdateBytes: number
  /** Bytes a document may take in storage (its snapshot and the updates since) before clients' updates are refused. */
  readonly maxDocumentBytes: number
}

/**
 * huddle's own presence is under 400 bytes (a user id, a name of at most 80
 * characters, two flags). `huddle sync` connects every conversation it
 * refreshes at once, up to 50 per inbox besides those the agent opened, so the
 * socket cap stays far above that. An update of 256 KiB holds some 60 notes of
 * the longest kind; 32 MiB is an inbox of about 50,000 live conversations.
 */
export const DEFAULT_SYNC_LIMITS: SyncLimits = {
  maxPresenceBytes: 4 * 1024,
  maxSocketsPerUser: 1000,
  maxUpdateBytes: 256 * 1024,
  maxDocumentBytes: 32 * 1024 * 1024,
}

export function presenceRefusal(bytes: number, limits: Pick<SyncLimits, 'maxPresenceBytes'>): HuddleError | null {
  if (bytes <= limits.maxPresenceBytes) return null
  return new HuddleError(
    'limit',
    `Presence refused: a state of ${formatBytes(bytes)} is more than the ${formatBytes(limits.maxPresenceBytes)} one may be (\`huddle serve --max-presence-bytes\`). Publish less in presence; keep data in the document.`,
  )
}

/** Refuses a user's next socket when `open` are open already. */
export function socketRefusal(userId: string, open: number, limits: Pick<SyncLimits, 'maxSocketsPerUser'>): HuddleError | null {
  if (open < limits.maxSocketsPerUser) return null
  return new HuddleError(
    'too-many',
    `User \`${userId}\` already has ${open} connection${open === 1 ? '' : 's'} open, the most allowed (\`--max-sockets-per-user\`). Close another huddle of this user, then reconnect.`,
  )
}

export function updateRefusal(bytes: number, limits: Pick<SyncLimits, 'maxUpdateBytes'>): HuddleError | null {
  if (bytes <= limits.maxUpdateBytes) return null
  return new HuddleError(
    'limit',
    `Update refused: it is ${formatBytes(bytes)}, more than the ${formatBytes(limits.maxUpdateBytes)} one update may be (\`huddle serve --max-update-bytes\`). Send the change in smaller parts.`,
  )
}

/** Refuses an update of `bytes` to a document already storing `storedBytes`. */
export function documentRefusal(docName: string, storedBytes: number, bytes: number, limits: Pick<SyncLimits, 'maxDocumentBytes'>): HuddleError | null {
  if (storedBytes + bytes <= limits.maxDocumentBytes) return null
  return new HuddleError(
    'limit',
    `Update refused: \`${docName}\` stores ${formatBytes(storedBytes)} and would grow past its quota of ${formatBytes(limits.maxDocumentBytes)} (\`huddle serve --max-document-bytes\`). An inbox shrinks as archived conversations move to history; otherwise ask the operator to raise the quota.`,
  )
}

/** Saved views one user may keep (docs/design.md, "Saved views"): more than a pane can list. */
export const MAX_SAVED_VIEWS = 50
/** Entries the saved views' map may hold: the views, recent removals and concurrent saves not yet superseded (saved-views-doc.ts). */
export const MAX_SAVED_VIEW_ENTRIES = 200

/** Refuses a change that would leave `views` saved views in `entries` entries. */
export function savedViewsRefusal(views: number, entries: number): HuddleError | null {
  if (views > MAX_SAVED_VIEWS)
    return new HuddleError('limit', `You would have ${views} saved views, more than the ${MAX_SAVED_VIEWS} one may keep. Remove one first with \`huddle view remove NAME\`.`)
  if (entries > MAX_SAVED_VIEW_ENTRIES)
    return new HuddleError('limit', `The saved views would hold ${entries} entries, more than the ${MAX_SAVED_VIEW_ENTRIES} kept; save or remove from a client that is in sync, which clears old ones.`)
  return null
}
