/**
 * What the stores refuse and how they report a failed write, shared by the
 * LevelDB and in-memory implementations so both behave the same.
 */
import { HuddleError, assertNoProblems } from '../../core/errors.js'
import type { RecordOp } from './record-store.js'

/** A record operation with its value already encoded as JSON text. */
export type EncodedRecordOp =
  | { readonly type: 'put'; readonly key: string; readonly value: string }
  | { readonly type: 'del'; readonly key: string }

/** Throws `invalid` for a name the key layout cannot keep apart from others. */
export function checkDocumentName(name: string): void {
  // Keys are `<name>\0<kind><seq>`: a NUL inside a name would let one
  // document's key range swallow another's.
  if (typeof name === 'string' && name.length > 0 && !name.includes('\0')) return
  throw new HuddleError('invalid', `Document name \`${String(name)}\` cannot be stored: give a non-empty name without NUL characters.`)
}

/** Throws unless `throughSeq` lies between the current snapshot and the last stored update. */
export function checkCompaction(name: string, throughSeq: number, snapshotSeq: number, lastSeq: number): void {
  if (!Number.isSafeInteger(throughSeq) || throughSeq < 0 || throughSeq > lastSeq)
    throw new HuddleError(
      'invalid',
      `Cannot compact \`${name}\` through update ${throughSeq}: the last stored update is ${lastSeq}. Pass the sequence number of an update already appended.`,
    )
  if (throughSeq < snapshotSeq)
    throw new HuddleError(
      'conflict',
      `Cannot compact \`${name}\` through update ${throughSeq}: its snapshot already covers updates through ${snapshotSeq}. Take a fresh snapshot and compact again.`,
    )
}

/** Checks every operation and encodes the values as JSON, reporting all problems together. */
export function encodeRecordOps(ops: readonly RecordOp[]): EncodedRecordOp[] {
  const problems: string[] = []
  const encoded: EncodedRecordOp[] = []
  ops.forEach((op, index) => {
    const key: unknown = op.key
    if (typeof key !== 'string' || key.length === 0) {
      problems.push(`Operation ${index + 1} has key \`${String(key)}\`: give a non-empty string.`)
      return
    }
    if (op.type === 'del') {
      encoded.push({ type: 'del', key })
      return
    }
    if (op.type !== 'put') {
      const type: unknown = (op as { readonly type: unknown }).type
      problems.push(`Operation ${index + 1} (\`${key}\`) has type \`${String(type)}\`: use \`put\` or \`del\`.`)
      return
    }
    const value = encodeJson(op.value)
    if (value === undefined) problems.push(`Operation ${index + 1} (\`${key}\`) has a value that is not JSON: store plain objects, arrays, strings, numbers, booleans or null.`)
    else encoded.push({ type: 'put', key, value })
  })
  assertNoProblems(problems, `A batch of ${ops.length} records was refused; nothing was written:`)
  return encoded
}

function encodeJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value)
  } catch {
    return undefined
  }
}

/** A `storage` error for a failed write: nothing of it may be acknowledged. */
export function writeError(what: string, cause: unknown): HuddleError {
  // The database already said why it writes nothing (see level-handle.ts).
  if (cause instanceof HuddleError && cause.code === 'storage') return cause
  return new HuddleError('storage', `Could not ${what}: ${reasonOf(cause)}. Nothing was stored; check that the data folder is writable and has free space, then retry.`)
}

/** A `storage` error for a failed read. */
export function readError(what: string, cause: unknown): HuddleError {
  return new HuddleError('storage', `Could not ${what}: ${reasonOf(cause)}. Check that the data folder is still there and readable, then retry.`)
}

/** An error's message followed by its causes' (LevelDB wraps the reason in a generic error). */
export function reasonOf(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause)
  return cause.cause === undefined ? cause.message : `${cause.message}: ${reasonOf(cause.cause)}`
}

/** A `storage` error for a store used after `close()`. */
export function closedError(store: string): HuddleError {
  return new HuddleError('storage', `The ${store} is closed; open the database again before using it.`)
}
