/**
 * The key tables of README.md and docs/design.md, generated from the key
 * table (key-table.ts) so that they cannot drift from what the keys do:
 * `npm run docs:keys` rewrites the block between the markers below, and a
 * test fails while a file's block differs from the table.
 */
import { KEY_BINDINGS, type Binding } from './key-table.js'

export const KEYS_BEGIN = '<!-- keys:begin — generated from cli/dashboard/key-table.ts by `npm run docs:keys`; edit the table, not this block -->'
export const KEYS_END = '<!-- keys:end -->'

const PANE_NAMES = { inboxes: 'Inboxes', list: 'Conversations', conversation: 'Conversation' } as const

const KEY_LABELS: Readonly<Record<string, string>> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  'ctrl-left': '^←',
  'ctrl-right': '^→',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  enter: 'Enter',
  esc: 'Esc',
  tab: 'Tab',
  'shift-tab': 'S-Tab',
  backspace: '⌫',
  ' ': 'Space',
}

/** A key name of the table (see `keyName`) as the docs write it: `↓`, `^d`, `M-b`, `S-Tab`… */
function keyLabel(name: string): string {
  if (KEY_LABELS[name]) return KEY_LABELS[name]
  if (name.startsWith('ctrl-')) return `^${name.slice('ctrl-'.length)}`
  if (name.startsWith('meta-')) return `M-${name.slice('meta-'.length)}`
  return name
}

function keysOf(binding: Binding): string {
  return binding.keys.map((key) => `\`${keyLabel(key)}\``).join(' ')
}

function whereOf(binding: Binding): string {
  if (!binding.panes) return ''
  return ` (${binding.panes.map((p) => PANE_NAMES[p]).join(', ')} ${binding.panes.length === 1 ? 'pane' : 'panes'})`
}

/** The key table as Markdown: one row per binding (those of the help overlay too), grouped as the help groups them. */
export function keyTableMarkdown(): string {
  const groups = [...new Set(KEY_BINDINGS.map((b) => b.group))]
  const rows = groups.flatMap((group) => KEY_BINDINGS.filter((b) => b.group === group).map((b) => `| ${group} | ${keysOf(b)} | ${b.help}${whereOf(b)} |`))
  return ['| group | keys | action |', '|---|---|---|', ...rows].join('\n')
}

/** `text` with its generated block replaced by `table`; throws, naming `file`, when the markers are missing. */
export function withKeyTable(text: string, table: string, file: string): string {
  const begin = text.indexOf(KEYS_BEGIN)
  const end = text.indexOf(KEYS_END, begin)
  if (begin < 0 || end < 0)
    throw new Error(`${file} has no generated key table: put the lines \`${KEYS_BEGIN}\` and \`${KEYS_END}\` where it belongs, then run \`npm run docs:keys\`.`)
  return `${text.slice(0, begin + KEYS_BEGIN.length)}\n${table}\n${text.slice(end)}`
}

/** The files that carry the key table, relative to the repository's root. */
export const KEY_DOCS = ['README.md', 'docs/design.md'] as const
