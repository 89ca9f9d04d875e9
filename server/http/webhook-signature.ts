/**
 * Carrier webhook signatures (`X-Twilio-Signature`): base64 of the HMAC-SHA1,
 * keyed by the signing secret, of the full URL the carrier posted to followed
 * by every form parameter's name and value, sorted by name.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

export function webhookSignature(secret: string, url: string, params: URLSearchParams): string {
  const pairs = [...params.entries()].sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
  const payload = url + pairs.map(([name, value]) => name + value).join('')
  return createHmac('sha1', secret).update(payload, 'utf8').digest('base64')
}

/** Compares a received signature with the expected one in constant time. */
export function isValidSignature(secret: string, url: string, params: URLSearchParams, received: string): boolean {
  const expected = Buffer.from(webhookSignature(secret, url, params))
  const actual = Buffer.from(received)
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}
