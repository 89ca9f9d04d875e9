/**
 * How many SMS segments a text takes. A text the GSM-7 alphabet can carry is
 * counted in septets (the extension table's characters take two, an escape
 * and the character) — 160 in a single message, 153 per part once it is
 * split, since each part carries a header. Any other character makes the
 * whole text UCS-2, counted in UTF-16 code units: 70 single, 67 per part.
 * A part never splits an escape pair or a surrogate pair, as phones do not.
 */

/** GSM 03.38's basic alphabet (without the escape itself). */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
)
/** GSM 03.38's extension table: each is sent as an escape and the character. */
const GSM_EXTENSION = new Set('\f^{}\\[~]|€')

export const SMS_LIMITS = {
  'gsm-7': { single: 160, part: 153 },
  'ucs-2': { single: 70, part: 67 },
} as const

export type SmsEncoding = keyof typeof SMS_LIMITS

export type SmsSegments = {
  readonly encoding: SmsEncoding
  /** Characters as a person counts them (code points). */
  readonly characters: number
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  readonly units: number
  /** Messages the text is sent as; 0 for no text. */
  readonly segments: number
}

function isGsm7(char: string): boolean {
  return GSM_BASIC.has(char) || GSM_EXTENSION.has(char)
}

function unitsOf(char: string, encoding: SmsEncoding): number {
  if (encoding === 'ucs-2') return char.length
  return GSM_EXTENSION.has(char) ? 2 : 1
}

/** The encoding, length and segment count of an SMS text. */
export function smsSegments(text: string): SmsSegments {
  const chars = [...text]
  const encoding: SmsEncoding = chars.every(isGsm7) ? 'gsm-7' : 'ucs-2'
  const sizes = chars.map((char) => unitsOf(char, encoding))
  const units = sizes.reduce((sum, size) => sum + size, 0)
  const limits = SMS_LIMITS[encoding]
  if (units === 0) return { encoding, characters: 0, units, segments: 0 }
  if (units <= limits.single) return { encoding, characters: chars.length, units, segments: 1 }
  let segments = 1
  let used = 0
  for (const size of sizes) {
    // A character that does not fit whole starts the next part.
    if (used + size > limits.part) {
      segments += 1
      used = 0
    }
    used += size
  }
  return { encoding, characters: chars.length, units, segments }
}
