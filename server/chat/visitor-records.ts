/**
 * Web chat visitors and their credentials. A visitor is issued an id and a
 * secret once; only the secret's SHA-256 is kept. The widget keeps both in
 * the browser and sends `Authorization: Visitor <id>.<secret>`.
 *
 *   chat/visitor/<id> → VisitorRecord
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { HuddleError } from '../../core/errors.js'
import { randomId } from '../auth/random-id.js'
import type { RecordOp, RecordStore } from '../store/record-store.js'

const PREFIX = 'chat/visitor/'
const VISITOR_ID = /^v-[a-z0-9]{16}$/
const HEADER = /^Visitor\s+(v-[a-z0-9]{16})\.([A-Za-z0-9_-]{20,100})\s*$/

export type VisitorRecord = {
  readonly id: string
  /** The widget key (routing address) the visitor belongs to. */
  readonly key: string
  readonly hash: string
  readonly name: string | null
  readonly createdAt: number
  /** The visitor's conversations, oldest first. */
  readonly conversations: readonly string[]
}

export type Visitor = Omit<VisitorRecord, 'hash'>

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}

export function isVisitorId(value: string): boolean {
  return VISITOR_ID.test(value)
}

/** A new visitor's record and their secret (to show once). */
export function newVisitor(key: string, name: string | null, now: number): { record: VisitorRecord; secret: string } {
  const secret = randomBytes(32).toString('base64url')
  return { record: { id: randomId('v-'), key, hash: hashSecret(secret), name, createdAt: now, conversations: [] }, secret }
}

export function visitorOp(record: VisitorRecord): RecordOp {
  return { type: 'put', key: PREFIX + record.id, value: record }
}

export async function readVisitor(records: RecordStore, id: string): Promise<VisitorRecord | undefined> {
  return isVisitorId(id) ? records.get<VisitorRecord>(PREFIX + id) : undefined
}

const UNKNOWN = 'This chat session is not valid here (unknown, or for another widget). Reload the chat to start a new one.'

/** The visitor an `Authorization: Visitor <id>.<secret>` header names, for widget `key`; throws `unauthenticated`. */
export async function authenticateVisitor(records: RecordStore, key: string, header: string | undefined): Promise<VisitorRecord> {
  if (header === undefined || header.trim() === '')
    throw new HuddleError('unauthenticated', 'This request needs the visitor’s credentials: `Authorization: Visitor <id>.<secret>`.')
  const match = HEADER.exec(header)
  if (!match) throw new HuddleError('unauthenticated', UNKNOWN)
  const record = await readVisitor(records, match[1]!)
  if (!record || record.key !== key) throw new HuddleError('unauthenticated', UNKNOWN)
  const expected = Buffer.from(record.hash, 'hex')
  const actual = Buffer.from(hashSecret(match[2]!), 'hex')
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) throw new HuddleError('unauthenticated', UNKNOWN)
  return record
}

export function publicVisitor(record: VisitorRecord): Visitor {
  const { hash: _secret, ...visitor } = record
  return visitor
}
