/** Reading request bodies with a size limit: JSON objects and carrier form posts. */
import type { IncomingMessage } from 'node:http'
import { HuddleError } from '../../core/errors.js'
import { toPlainValue, type PlainValue } from '../../core/plain-value.js'

/** The default largest body accepted, in bytes. */
export const MAX_BODY_BYTES = 64 * 1024

export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw tooLarge(limit)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

function tooLarge(limit: number): HuddleError {
  return new HuddleError('limit', `The request body is larger than ${Math.floor(limit / 1024)} KiB; send less at once.`)
}

/** The body as plain JSON data (own properties, bounded depth, no prototype keys); an empty body reads as `{}`. */
export async function readJson(req: IncomingMessage, limit: number): Promise<PlainValue> {
  const text = (await readBody(req, limit)).toString('utf8')
  if (text.trim().length === 0) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text) as unknown
  } catch (error) {
    throw new HuddleError('invalid', `The request body is not valid JSON (${(error as Error).message}); send a JSON object.`)
  }
  return toPlainValue(parsed, 'The request body')
}

/** The body as `application/x-www-form-urlencoded` fields. */
export async function readForm(req: IncomingMessage, limit: number): Promise<URLSearchParams> {
  return new URLSearchParams((await readBody(req, limit)).toString('utf8'))
}
