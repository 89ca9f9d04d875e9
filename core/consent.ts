/**
 * SMS consent: a contact who texts an opt-out word is opted out, and replies
 * to them are refused until they text an opt-in word. Only a message that is
 * the word alone counts, as carriers do: any case, surrounding space,
 * punctuation and symbols ignored, and a word written with a space or hyphen
 * inside (`OPT-OUT`, `stop all`) read as one. "stop sending me the wrong
 * size" is not STOP.
 */

import { ownFields } from './plain-value.js'

/** The carriers' standard opt-out words (CTIA's list, plus OPTOUT and REVOKE that carriers added). */
export const OPT_OUT_WORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'REVOKE'] as const
export const OPT_IN_WORDS = ['START', 'UNSTOP', 'YES'] as const

// Edges carriers ignore: space, punctuation, symbols (emoji included) and the joiners emoji are built with.
const EDGES = /^[\s\p{P}\p{S}\u200D\uFE0F]+|[\s\p{P}\p{S}\u200D\uFE0F]+$/gu
const INNER_SEPARATORS = /[\s\-‐‑‒–—_]+/gu

export const CONSENT_STATUSES = ['opted-in', 'opted-out'] as const
export type ConsentStatus = (typeof CONSENT_STATUSES)[number]

/** The latest consent change of a contact: what they texted, and when. */
export type Consent = { readonly status: ConsentStatus; readonly at: number; readonly keyword: string }

/** The consent change a message body makes, or null when it is not a keyword. */
export function consentChangeOf(body: string, at: number): Consent | null {
  // NFKC first, so full-width letters from some phone keyboards read as plain ones.
  const word = body.normalize('NFKC').replace(EDGES, '').replace(INNER_SEPARATORS, '').toUpperCase()
  if ((OPT_OUT_WORDS as readonly string[]).includes(word)) return { status: 'opted-out', at, keyword: word }
  if ((OPT_IN_WORDS as readonly string[]).includes(word)) return { status: 'opted-in', at, keyword: word }
  return null
}

/** Whether replies are refused at `at` (they are from the opt-out on). */
export function isOptedOut(consent: Consent | null | undefined, at = Number.POSITIVE_INFINITY): boolean {
  return consent?.status === 'opted-out' && at >= consent.at
}

export function isConsent(value: unknown): value is Consent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const c = ownFields(value)
  return (
    (c.status === 'opted-in' || c.status === 'opted-out') &&
    typeof c.at === 'number' &&
    Number.isFinite(c.at) &&
    typeof c.keyword === 'string' &&
    Object.keys(c).length === 3
  )
}
