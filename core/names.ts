/**
 * The rule for names people give things (users, inboxes, contacts): no
 * control characters (C0 with NUL, ESC, CR and LF; DEL; C1), no bidi
 * controls or line separators; and the key names are compared by, so that
 * `Sales`, `ＳＡＬＥＳ`, `Sa\u200Bles` and `Sаles` (a Cyrillic а) are one name.
 */

/** Characters refused in names: controls, bidi embeddings, overrides, isolates and marks, line and paragraph separators. */
const REFUSED = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u

/** Characters that draw nothing; ignored when comparing (ZWJ stays in emoji, so names may hold it). */
const INVISIBLE = /[\u00ad\u034f\u180e\u200b-\u200d\u2060-\u2064\ufe00-\ufe0f\ufeff]/gu

/**
 * Letters of other scripts drawn like Latin ones, folded before comparing.
 * Each pair: the look-alikes, then the Latin letters they look like, in order.
 */
const LOOKALIKES: ReadonlyArray<readonly [string, string]> = [
  // Cyrillic capitals and small letters.
  ['АВЕЅІЈКМНОРСТХУԁһіјѕԛԝӏаеорсух', 'ABESIJKMHOPCTXYdhijsqwlaeopcyx'],
  // Greek capitals and small letters.
  ['ΑΒΕΖΗΙΚΜΝΟΡΤΥΧαοικνρυχ', 'ABEZHIKMNOPTYXaoikvpux'],
]

const FOLD: ReadonlyMap<string, string> = new Map(
  LOOKALIKES.flatMap(([from, to]) => {
    const targets = [...to]
    return [...from].map((letter, i) => [letter, targets[i]!] as const)
  }),
)

/** The first refused character of `text`, as `U+XXXX`, or null when there is none. */
export function refusedCharacterOf(text: string): string | null {
  const found = REFUSED.exec(text)
  return found === null ? null : codePointName(found[0])
}

/** `text` with its refused characters removed, for names given by a carrier that cannot be asked again. */
export function withoutRefusedCharacters(text: string): string {
  return text.replace(new RegExp(REFUSED.source, 'gu'), '')
}

/**
 * Problems with a name (empty when fine): text of 1–`max` characters once
 * trimmed, with no refused character. `what` names it in the sentence
 * ("Inbox name"), `example` shows a good one.
 */
export function nameProblems(value: unknown, what: string, max: number, example: string): string[] {
  if (typeof value !== 'string' || value.trim().length === 0 || value.trim().length > max)
    return [`${what} \`${visibleText(String(value))}\` is not valid: give 1–${max} characters, e.g. ${example}.`]
  const refused = refusedCharacterOf(value)
  if (refused !== null)
    return [`${what} \`${visibleText(value)}\` holds the control character ${refused}; names may not hold control characters, line breaks or bidi controls. Type it again without it.`]
  return []
}

/** The key names are compared by: NFKC, invisible characters dropped, look-alike letters folded to Latin, case and spacing ignored. */
export function nameKey(name: string): string {
  const folded = [...name.normalize('NFKC').replace(INVISIBLE, '')].map((c) => FOLD.get(c) ?? c).join('')
  return folded.toLocaleLowerCase('en').normalize('NFKC').replace(/\s+/gu, ' ').trim()
}

/** Whether two names are the same once compared by `nameKey`. */
export function isSameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b)
}

/** `text` with every refused or invisible character shown as `U+XXXX`, so an error sentence can quote it safely. */
export function visibleText(text: string): string {
  return text.replace(new RegExp(`${REFUSED.source}|${INVISIBLE.source}`, 'gu'), (c) => `<${codePointName(c)}>`)
}

function codePointName(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
}
