/**
 * The filter of a saved view (docs/design.md, "Saved views"): which
 * conversations of the agent's inboxes it shows. One module for the three
 * things done with a filter, so the CLI, the dashboard and the counts agree:
 * parse it from the words an agent gives (`--inbox Sales --status mine`),
 * check a stored one's shape (the server does, on every update), and match a
 * row against it.
 *
 * Within a field any value matches (`--channel sms --channel chat`: either);
 * across fields all must; an empty field matches everything. Text matches
 * what a row shows of a conversation (contact, number, id, the last
 * message's preview) by search's rules, through core/local-search.ts.
 */
import { isDocId, parseInboxRef } from './doc-names.js'
import { HuddleError } from './errors.js'
import { isTextMatch } from './local-search.js'
import { nameKey, refusedCharacterOf, visibleText } from './names.js'
import { PRIORITIES, type Priority } from './priority.js'
import { searchTerms } from './search-text.js'
import type { SlaState } from './sla.js'
import { CHANNELS, type Channel } from './users.js'
import { VIEWS, type View } from './views.js'

export const SLA_STATES: readonly SlaState[] = ['ok', 'warning', 'breached']

/** Most values one field may list, and the longest text: a filter stays a few hundred bytes. */
export const MAX_FILTER_VALUES = 20
export const MAX_FILTER_TEXT = 200

export type SavedViewFilter = {
  /** Inbox documents (`inbox/<id>`, `personal/<user>`). */
  readonly inboxes: readonly string[]
  readonly channels: readonly Channel[]
  /** Label ids. */
  readonly labels: readonly string[]
  readonly priorities: readonly Priority[]
  /** User ids of assignees. */
  readonly assignees: readonly string[]
  /** The five views: mine, others, unassigned, archived, snoozed. */
  readonly statuses: readonly View[]
  readonly sla: readonly SlaState[]
  /** Words every one of which a row's text must hold (as search reads them), or null. */
  readonly text: string | null
}

/** The words an agent gives, one list per flag (`huddle view save NAME --inbox … --status …`). */
export type FilterWords = {
  readonly inbox?: readonly string[]
  readonly channel?: readonly string[]
  readonly label?: readonly string[]
  readonly priority?: readonly string[]
  readonly assignee?: readonly string[]
  readonly status?: readonly string[]
  readonly sla?: readonly string[]
  readonly text?: string
}

type Named = { readonly id: string; readonly name: string }

/** What names in the words are looked up in: the agent, their inboxes, the organisation's labels and users. */
export type FilterNames = {
  readonly me: string
  readonly inboxes: readonly (Named & { readonly doc: string; readonly kind: 'shared' | 'personal' })[]
  readonly labels: readonly Named[]
  readonly users: readonly Named[]
}

/** What a filter is matched against: a conversation row and the view the reader decided it is in. */
export type FilterRow = {
  readonly id: string
  readonly inbox: string
  readonly channel: Channel
  readonly contact: string
  readonly contactName: string | null
  readonly preview: string
  readonly labels: readonly string[]
  readonly priority: Priority
  readonly assignee: string | null
  readonly view: View
}

function byIdOrName<T extends Named>(items: readonly T[], word: string): T | undefined {
  return items.find((item) => item.id === word) ?? items.find((item) => nameKey(item.name) === nameKey(word))
}

function listed(values: readonly string[]): string {
  return values.map((v) => `\`${visibleText(v)}\``).join(', ')
}

/** Each word as one of `choices`, or a sentence naming the bad ones. */
function choose<T extends string>(words: readonly string[], choices: readonly T[], flag: string): { values: T[]; problems: string[] } {
  const bad = words.filter((w) => !(choices as readonly string[]).includes(w))
  const problems = bad.length === 0 ? [] : [`\`--${flag}\` ${listed(bad)} is not one of ${choices.join(', ')}.`]
  return { values: [...new Set(words.filter((w): w is T => (choices as readonly string[]).includes(w)))], problems }
}

function resolve<T extends Named>(words: readonly string[], items: readonly T[], flag: string, hint: string): { found: T[]; problems: string[] } {
  const found = words.map((w) => byIdOrName(items, w))
  const missing = words.filter((_, i) => found[i] === undefined)
  const problems = missing.length === 0 ? [] : [`\`--${flag}\` ${listed(missing)} ${missing.length === 1 ? 'is' : 'are'} not known: ${hint}.`]
  return { found: [...new Set(found.filter((f): f is T => f !== undefined))], problems }
}

/**
 * The filter the words describe, with inboxes, labels and assignees by id
 * (names may be given; `personal` is the agent's personal inbox, `me` the
 * agent). Throws one `invalid` error listing every problem.
 */
export function parseFilterWords(words: FilterWords, names: FilterNames): SavedViewFilter {
  const inboxWords = words.inbox ?? []
  const personal = names.inboxes.find((i) => i.kind === 'personal')
  const inboxes = resolve(
    inboxWords.map((w) => (w === 'personal' && personal ? personal.id : w)),
    names.inboxes,
    'inbox',
    `give one of your inboxes (${names.inboxes.map((i) => (i.kind === 'personal' ? 'personal' : i.name)).join(', ') || 'none'})`,
  )
  const labels = resolve(words.label ?? [], names.labels, 'label', 'list the labels with `huddle label list`')
  const assignees = resolve(
    (words.assignee ?? []).map((w) => (w === 'me' ? names.me : w)),
    names.users,
    'assignee',
    'give a user id, a name or `me`; list users with `huddle availability list`',
  )
  const channels = choose(words.channel ?? [], CHANNELS, 'channel')
  const priorities = choose(words.priority ?? [], PRIORITIES, 'priority')
  const statuses = choose(words.status ?? [], VIEWS, 'status')
  const sla = choose(words.sla ?? [], SLA_STATES, 'sla')
  const filter: SavedViewFilter = {
    inboxes: inboxes.found.map((i) => i.doc),
    channels: channels.values,
    labels: labels.found.map((l) => l.id),
    priorities: priorities.values,
    assignees: assignees.found.map((u) => u.id),
    statuses: statuses.values,
    sla: sla.values,
    text: words.text === undefined ? null : words.text.trim(),
  }
  const problems = [
    ...inboxes.problems,
    ...channels.problems,
    ...labels.problems,
    ...priorities.problems,
    ...assignees.problems,
    ...statuses.problems,
    ...sla.problems,
    ...savedViewFilterProblems(filter),
  ]
  if (problems.length > 0) throw new HuddleError('invalid', `The view's filter is not valid: ${problems.join(' ')}`)
  return filter
}

const isString = (v: unknown): v is string => typeof v === 'string'

const FIELD_CHECKS: Readonly<Record<Exclude<keyof SavedViewFilter, 'text'>, (v: string) => boolean>> = {
  inboxes: (v) => parseInboxRef(v) !== null,
  channels: (v) => (CHANNELS as readonly string[]).includes(v),
  labels: isDocId,
  priorities: (v) => (PRIORITIES as readonly string[]).includes(v),
  assignees: isDocId,
  statuses: (v) => (VIEWS as readonly string[]).includes(v),
  sla: (v) => (SLA_STATES as readonly string[]).includes(v),
}

/** Problems with a filter's shape, as sentences (empty: a filter). Used on parsed words and on every stored one. */
export function savedViewFilterProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['a filter must be an object']
  const record = value as Record<string, unknown>
  const problems: string[] = []
  for (const key of Object.keys(record)) if (!(key in FIELD_CHECKS) && key !== 'text') problems.push(`a filter has no field \`${visibleText(key)}\``)
  for (const [field, isValid] of Object.entries(FIELD_CHECKS)) {
    const list = Object.hasOwn(record, field) ? record[field] : undefined
    if (!Array.isArray(list) || !list.every((v) => isString(v) && isValid(v))) problems.push(`a filter's \`${field}\` must be a list of valid values`)
    else if (list.length > MAX_FILTER_VALUES) problems.push(`a filter lists ${list.length} ${field}, more than the ${MAX_FILTER_VALUES} it may`)
  }
  const text = Object.hasOwn(record, 'text') ? record.text : undefined
  if (text !== null && !isString(text)) problems.push("a filter's `text` must be text or null")
  else if (isString(text) && text.length > MAX_FILTER_TEXT) problems.push(`the text to match is ${text.length} characters, more than the ${MAX_FILTER_TEXT} it may be`)
  else if (isString(text) && refusedCharacterOf(text) !== null) problems.push(`the text to match holds the control character ${refusedCharacterOf(text)}; type it again without it`)
  else if (isString(text) && searchTerms(text).length === 0) problems.push(`the text to match \`${visibleText(text)}\` holds no letter or digit`)
  return problems
}

/**
 * The test of a row against the filter, prepared once for many rows (the
 * text's words read once). `labels` are the organisation's labels now: a
 * removed one no longer filters. `slaState` gives the state of the row's
 * next SLA target (null: no policy, or nothing pending), asked only when the
 * filter names SLA states.
 */
export function filterMatcher(filter: SavedViewFilter, labels: ReadonlySet<string>): (row: FilterRow, slaState: () => SlaState | null) => boolean {
  const wantedLabels = filter.labels.filter((id) => labels.has(id))
  const terms = filter.text === null ? [] : searchTerms(filter.text)
  return (row, slaState) =>
    (filter.inboxes.length === 0 || filter.inboxes.includes(row.inbox)) &&
    (filter.channels.length === 0 || filter.channels.includes(row.channel)) &&
    (wantedLabels.length === 0 || wantedLabels.some((id) => row.labels.includes(id))) &&
    (filter.priorities.length === 0 || filter.priorities.includes(row.priority)) &&
    (filter.assignees.length === 0 || (row.assignee !== null && filter.assignees.includes(row.assignee))) &&
    (filter.statuses.length === 0 || filter.statuses.includes(row.view)) &&
    (terms.length === 0 || isTextMatch([row.contactName ?? '', row.contact, row.id, row.preview], terms)) &&
    // Last: it is the one part that may cost (business hours).
    (filter.sla.length === 0 || isSome(slaState(), filter.sla))
}

function isSome<T>(value: T | null, values: readonly T[]): boolean {
  return value !== null && values.includes(value)
}

/** The filter in words, as `view list` prints it: `inbox Sales · status mine, unassigned · text "refund"`; names from `names`. */
export function describeFilter(filter: SavedViewFilter, names: FilterNames): string {
  const nameOf = (items: readonly Named[], id: string): string => items.find((i) => i.id === id)?.name ?? id
  const inboxName = (doc: string): string => {
    const inbox = names.inboxes.find((i) => i.doc === doc)
    return inbox === undefined ? doc : inbox.kind === 'personal' ? 'personal' : inbox.name
  }
  const parts: [string, readonly string[]][] = [
    ['inbox', filter.inboxes.map(inboxName)],
    ['channel', filter.channels],
    ['label', filter.labels.map((id) => nameOf(names.labels, id))],
    ['priority', filter.priorities],
    ['assignee', filter.assignees.map((id) => nameOf(names.users, id))],
    ['status', filter.statuses],
    ['sla', filter.sla],
    ['text', filter.text === null ? [] : [`"${filter.text}"`]],
  ]
  const shown = parts.filter(([, values]) => values.length > 0).map(([what, values]) => `${what} ${values.join(', ')}`)
  return shown.length === 0 ? 'every conversation' : shown.join(' · ')
}
