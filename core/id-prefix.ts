/**
 * Ids given by a unique prefix, as `git` and `gh` take them: `c-wzbf` names
 * the one known id starting with it. An exact id always wins; a prefix that
 * several ids share is refused with the candidates listed.
 */
import { HuddleError } from './errors.js'

export type IdCandidate = { readonly id: string; /** A few words saying which one it is, for the list of candidates. */ readonly label: string }

/** How many candidates an ambiguous prefix lists. */
const LISTED = 10

export type IdKind = {
  /** `conversation`, as in `There is no conversation …`. */
  readonly noun: string
  /** Where they were looked for, as in `in your inboxes`. */
  readonly where: string
  /** The command that lists them. */
  readonly listCommand: string
}

/** The one id of `candidates` that `given` is or starts, or a refusal saying why not. */
export function resolveIdPrefix(given: string, candidates: readonly IdCandidate[], kind: IdKind): string {
  const exact = candidates.find((c) => c.id === given)
  if (exact) return exact.id
  const matches = given === '' ? [] : candidates.filter((c) => c.id.startsWith(given))
  if (matches.length === 1) return matches[0]!.id
  if (matches.length === 0)
    throw new HuddleError('not-found', `There is no ${kind.noun} \`${given}\` ${kind.where}. List them with \`${kind.listCommand}\`.`)
  const shown = [...matches].sort((a, b) => a.id.localeCompare(b.id)).slice(0, LISTED)
  const more = matches.length > shown.length ? [`…and ${matches.length - shown.length} more`] : []
  const lines = [...shown.map((c) => `${c.id}  ${c.label}`), ...more]
  throw new HuddleError(
    'invalid',
    `The id \`${given}\` is the start of ${matches.length} ${kind.noun}s ${kind.where}; give more of it:\n${lines.map((l) => `  ${l}`).join('\n')}`,
    lines,
  )
}
