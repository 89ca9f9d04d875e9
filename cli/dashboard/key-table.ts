/**
 * The one table of the dashboard's key bindings. Input handling looks actions
 * up here, and the help overlay and the status bar's hints are drawn from it.
 *
 * Modes: `browse` (moving about and acting), and the modes that take text or
 * a choice — `filter`, `compose`, `template` (filling a template's
 * placeholders), `picker`, `search`, `confirm` — where only that mode's bindings act
 * and printable keys are text; `help` while the overlay is up.
 */
import type { Key } from 'ink'

export const MODES = ['browse', 'filter', 'compose', 'template', 'picker', 'search', 'reports', 'confirm', 'help'] as const
export type Mode = (typeof MODES)[number]

export const PANES = ['inboxes', 'list', 'conversation'] as const
export type Pane = (typeof PANES)[number]

export type Action =
  | 'down'
  | 'up'
  | 'top'
  | 'bottom'
  | 'page-down'
  | 'page-up'
  | 'next-pane'
  | 'previous-pane'
  | 'view-mine'
  | 'view-others'
  | 'view-unassigned'
  | 'view-archived'
  | 'view-snoozed'
  | 'previous-inbox'
  | 'next-inbox'
  | 'pick-inbox'
  | 'open'
  | 'back'
  | 'claim'
  | 'takeover'
  | 'assign'
  | 'unassign'
  | 'archive'
  | 'snooze'
  | 'labels'
  | 'priority'
  | 'reply'
  | 'note'
  | 'filter'
  | 'search'
  | 'reports'
  | 'report-period'
  | 'notice-dismiss'
  | 'notice-open'
  | 'notice-expand'
  | 'held-send'
  | 'held-discard'
  | 'availability'
  | 'sort-by-due'
  | 'mark'
  | 'mark-all'
  | 'help'
  | 'quit'
  | 'submit'
  | 'cancel'
  | 'complete'
  | 'completion-next'
  | 'completion-previous'
  | 'delete-back'
  | 'delete-word'
  | 'clear-text'
  | 'switch-kind'
  | 'pick-template'
  | 'cursor-left'
  | 'cursor-right'
  | 'word-left'
  | 'word-right'
  | 'cursor-start'
  | 'cursor-end'
  | 'next-field'
  | 'previous-field'
  | 'edit-template'
  | 'yes'
  | 'no'

export type Binding = {
  readonly action: Action
  /** Key names (see `keyName`). */
  readonly keys: readonly string[]
  /** The keys as the help shows them. */
  readonly label: string
  readonly help: string
  readonly modes: readonly Mode[]
  /** In browse mode, only while one of these panes has the focus (all when absent). */
  readonly panes?: readonly Pane[]
  /** A short word for the status bar, for the bindings that matter most where they apply. */
  readonly hint?: string
  readonly group: string
}

const BROWSE: readonly Mode[] = ['browse']
/** Moving also scrolls the help when it does not fit. */
const MOVING: readonly Mode[] = ['browse', 'help']
const ON_CONVERSATIONS: readonly Pane[] = ['list', 'conversation']

export const KEY_BINDINGS: readonly Binding[] = [
  { action: 'down', keys: ['j', 'down'], label: 'j ↓', help: 'Move down (scroll the conversation, the help)', modes: MOVING, group: 'Move' },
  { action: 'up', keys: ['k', 'up'], label: 'k ↑', help: 'Move up', modes: MOVING, group: 'Move' },
  { action: 'top', keys: ['g', 'home'], label: 'g Home', help: 'First row (top of the conversation)', modes: MOVING, group: 'Move' },
  { action: 'bottom', keys: ['G', 'end'], label: 'G End', help: 'Last row (latest message)', modes: MOVING, group: 'Move' },
  { action: 'page-down', keys: ['pagedown', 'ctrl-d'], label: 'PgDn ^d', help: 'Page down', modes: MOVING, group: 'Move' },
  { action: 'page-up', keys: ['pageup', 'ctrl-u'], label: 'PgUp ^u', help: 'Page up', modes: MOVING, group: 'Move' },
  { action: 'next-pane', keys: ['tab', 'right', 'l'], label: 'Tab → l', help: 'Next pane', modes: BROWSE, group: 'Move' },
  { action: 'previous-pane', keys: ['shift-tab', 'left', 'h'], label: 'S-Tab ← h', help: 'Previous pane', modes: BROWSE, group: 'Move' },
  { action: 'view-mine', keys: ['1'], label: '1', help: 'View: Assigned to me', modes: BROWSE, group: 'Views and inboxes' },
  { action: 'view-others', keys: ['2'], label: '2', help: 'View: Assigned to other', modes: BROWSE, group: 'Views and inboxes' },
  { action: 'view-unassigned', keys: ['3'], label: '3', help: 'View: Unassigned', modes: BROWSE, group: 'Views and inboxes' },
  { action: 'view-archived', keys: ['4'], label: '4', help: 'View: Archived', modes: BROWSE, group: 'Views and inboxes' },
  { action: 'view-snoozed', keys: ['5'], label: '5', help: 'View: Snoozed', modes: BROWSE, group: 'Views and inboxes' },
  { action: 'previous-inbox', keys: ['['], label: '[', help: 'Previous inbox', modes: BROWSE, group: 'Views and inboxes' },
  { action: 'next-inbox', keys: [']'], label: ']', help: 'Next inbox', modes: BROWSE, group: 'Views and inboxes' },
  { action: 'pick-inbox', keys: ['i'], label: 'i', help: 'Pick an inbox', modes: BROWSE, group: 'Views and inboxes' },
  { action: 'filter', keys: ['/'], label: '/', help: 'Filter the list as you type', modes: BROWSE, panes: ['inboxes', 'list'], group: 'Views and inboxes', hint: 'filter' },
  { action: 'sort-by-due', keys: ['D'], label: 'D', help: 'Sort by SLA due time, soonest (most overdue) first; D again: newest first', modes: BROWSE, panes: ['inboxes', 'list'], group: 'Views and inboxes' },
  { action: 'search', keys: ['S'], label: 'S', help: 'Search every conversation: messages, notes, contacts', modes: BROWSE, group: 'Views and inboxes', hint: 'search' },
  { action: 'reports', keys: ['R'], label: 'R', help: 'Reports on the inbox: volume, response times, busiest hours', modes: BROWSE, group: 'Views and inboxes' },
  { action: 'open', keys: ['enter'], label: 'Enter', help: 'Open the conversation (or the view)', modes: BROWSE, panes: ['inboxes', 'list'], group: 'Conversation', hint: 'open' },
  { action: 'back', keys: ['esc'], label: 'Esc', help: 'Back to the list (closes the conversation)', modes: BROWSE, group: 'Conversation', panes: ['conversation'], hint: 'back' },
  { action: 'back', keys: ['esc'], label: 'Esc', help: 'Clear the marks, when any; else the filter kept on the list', modes: BROWSE, group: 'Views and inboxes', panes: ['list'] },
  { action: 'mark', keys: [' '], label: 'Space', help: 'Mark or unmark the conversation; while any are marked, c a u z e L P act on every marked one', modes: BROWSE, panes: ['list'], group: 'Marks' },
  { action: 'mark-all', keys: ['*'], label: '*', help: 'Mark every conversation in the view (as filtered)', modes: BROWSE, panes: ['list'], group: 'Marks' },
  { action: 'claim', keys: ['c'], label: 'c', help: 'Claim (assign to me)', modes: BROWSE, panes: ON_CONVERSATIONS, group: 'Conversation', hint: 'claim' },
  { action: 'takeover', keys: ['t'], label: 't', help: 'Take over from its assignee (asks first)', modes: BROWSE, panes: ON_CONVERSATIONS, group: 'Conversation' },
  { action: 'assign', keys: ['a'], label: 'a', help: 'Assign to a member', modes: BROWSE, panes: ON_CONVERSATIONS, group: 'Conversation' },
  { action: 'unassign', keys: ['u'], label: 'u', help: 'Unassign', modes: BROWSE, panes: ON_CONVERSATIONS, group: 'Conversation' },
  { action: 'archive', keys: ['e'], label: 'e', help: 'Archive, or reopen an archived conversation', modes: BROWSE, panes: ON_CONVERSATIONS, group: 'Conversation' },
  { action: 'snooze', keys: ['z'], label: 'z', help: 'Snooze (pick when it wakes); wake a snoozed one', modes: BROWSE, panes: ON_CONVERSATIONS, group: 'Conversation' },
  { action: 'labels', keys: ['L'], label: 'L', help: 'Labels: type to filter, Enter adds or removes the one highlighted', modes: BROWSE, panes: ON_CONVERSATIONS, group: 'Conversation' },
  { action: 'priority', keys: ['P'], label: 'P', help: 'Priority: urgent !!, high !, normal, low ↓', modes: BROWSE, panes: ON_CONVERSATIONS, group: 'Conversation' },
  { action: 'reply', keys: ['r'], label: 'r', help: 'Reply to the customer', modes: BROWSE, panes: ON_CONVERSATIONS, group: 'Conversation', hint: 'reply' },
  { action: 'note', keys: ['n'], label: 'n', help: 'Write an internal note (@ mentions)', modes: BROWSE, panes: ON_CONVERSATIONS, group: 'Conversation', hint: 'note' },
  { action: 'notice-dismiss', keys: ['x'], label: 'x', help: 'Dismiss the notice shown', modes: BROWSE, group: 'Notices' },
  { action: 'notice-open', keys: ['o'], label: 'o', help: 'Go to the notice’s conversation', modes: BROWSE, group: 'Notices' },
  { action: 'notice-expand', keys: ['m'], label: 'm', help: 'Read the notice line whole (m again folds it)', modes: BROWSE, group: 'Notices' },
  { action: 'held-send', keys: ['s'], label: 's', help: 'Send the held reply shown after all', modes: BROWSE, group: 'Notices' },
  { action: 'held-discard', keys: ['d'], label: 'd', help: 'Discard the held reply shown (asks first)', modes: BROWSE, group: 'Notices' },
  { action: 'availability', keys: ['A'], label: 'A', help: 'Your availability: available → busy → away (only available agents get work)', modes: BROWSE, group: 'General' },
  { action: 'help', keys: ['?'], label: '?', help: 'Show or hide this help', modes: ['browse', 'help'], group: 'General', hint: 'help' },
  { action: 'quit', keys: ['q', 'ctrl-c'], label: 'q ^c', help: 'Quit', modes: BROWSE, group: 'General', hint: 'quit' },
  { action: 'back', keys: ['esc', 'q'], label: 'Esc q', help: 'Close the help', modes: ['help'], group: 'General' },
  { action: 'quit', keys: ['ctrl-c'], label: '^c', help: 'Quit', modes: ['help'], group: 'General' },

  { action: 'submit', keys: ['enter'], label: 'Enter', help: 'Send the reply or note', modes: ['compose'], group: 'Writing', hint: 'send' },
  { action: 'complete', keys: ['tab'], label: 'Tab', help: 'Complete the @member being typed', modes: ['compose'], group: 'Writing', hint: 'complete @' },
  { action: 'completion-next', keys: ['down', 'ctrl-n'], label: '↓ ^n', help: 'Next @member suggestion', modes: ['compose'], group: 'Writing' },
  { action: 'completion-previous', keys: ['up', 'ctrl-p'], label: '↑ ^p', help: 'Previous @member suggestion', modes: ['compose'], group: 'Writing' },
  { action: 'switch-kind', keys: ['ctrl-t'], label: '^t', help: 'Switch between reply and note', modes: ['compose'], group: 'Writing', hint: 'reply/note' },
  { action: 'cancel', keys: ['esc', 'ctrl-c'], label: 'Esc ^c', help: 'Stop writing (the draft is kept)', modes: ['compose'], group: 'Writing', hint: 'keep draft' },
  { action: 'cursor-left', keys: ['left', 'ctrl-b'], label: '← ^b', help: 'Move the cursor back a character', modes: ['compose'], group: 'Writing' },
  { action: 'cursor-right', keys: ['right', 'ctrl-f'], label: '→ ^f', help: 'Move the cursor on a character', modes: ['compose'], group: 'Writing' },
  { action: 'word-left', keys: ['ctrl-left', 'meta-b'], label: '^← M-b', help: 'Move the cursor back a word', modes: ['compose'], group: 'Writing' },
  { action: 'word-right', keys: ['ctrl-right', 'meta-f'], label: '^→ M-f', help: 'Move the cursor on a word', modes: ['compose'], group: 'Writing' },
  { action: 'cursor-start', keys: ['home', 'ctrl-a'], label: 'Home ^a', help: 'Cursor to the start of the text', modes: ['compose'], group: 'Writing' },
  { action: 'cursor-end', keys: ['end', 'ctrl-e'], label: 'End ^e', help: 'Cursor to the end of the text', modes: ['compose'], group: 'Writing' },
  { action: 'pick-template', keys: ['ctrl-o'], label: '^o', help: 'Reply with a template of the conversation’s channel', modes: ['compose', 'template'], group: 'Writing', hint: 'template' },
  { action: 'delete-back', keys: ['backspace'], label: '⌫', help: 'Delete the character before the cursor', modes: ['compose', 'template', 'filter', 'picker', 'search'], group: 'Writing' },
  { action: 'delete-word', keys: ['ctrl-w'], label: '^w', help: 'Delete the word before the cursor', modes: ['compose', 'template', 'filter', 'picker', 'search'], group: 'Writing' },
  { action: 'clear-text', keys: ['ctrl-u'], label: '^u', help: 'Delete all before the cursor (the whole text at its end)', modes: ['compose', 'template', 'filter', 'picker', 'search'], group: 'Writing' },

  { action: 'submit', keys: ['enter'], label: 'Enter', help: 'Next empty placeholder; send once all are filled', modes: ['template'], group: 'Templates', hint: 'send' },
  { action: 'next-field', keys: ['tab', 'down', 'ctrl-n'], label: 'Tab ↓', help: 'Next placeholder', modes: ['template'], group: 'Templates', hint: 'next' },
  { action: 'previous-field', keys: ['shift-tab', 'up', 'ctrl-p'], label: 'S-Tab ↑', help: 'Previous placeholder', modes: ['template'], group: 'Templates' },
  { action: 'edit-template', keys: ['ctrl-e'], label: '^e', help: 'Edit the filled text (flexible templates only)', modes: ['template'], group: 'Templates', hint: 'edit' },
  { action: 'cancel', keys: ['esc', 'ctrl-c'], label: 'Esc ^c', help: 'Stop (the template reply is dropped)', modes: ['template'], group: 'Templates', hint: 'cancel' },

  { action: 'submit', keys: ['enter'], label: 'Enter', help: 'Keep the filter and go back to the list', modes: ['filter'], group: 'Filter', hint: 'keep' },
  { action: 'cancel', keys: ['esc', 'ctrl-c'], label: 'Esc ^c', help: 'Clear the filter', modes: ['filter'], group: 'Filter', hint: 'clear' },
  { action: 'down', keys: ['down', 'ctrl-n'], label: '↓ ^n', help: 'Move down the filtered list', modes: ['filter'], group: 'Filter' },
  { action: 'up', keys: ['up', 'ctrl-p'], label: '↑ ^p', help: 'Move up the filtered list', modes: ['filter'], group: 'Filter' },

  { action: 'submit', keys: ['enter'], label: 'Enter', help: 'Open the conversation of the result', modes: ['search'], group: 'Search', hint: 'open' },
  { action: 'cancel', keys: ['esc', 'ctrl-c'], label: 'Esc ^c', help: 'Back to where you were', modes: ['search'], group: 'Search', hint: 'back' },
  { action: 'down', keys: ['down', 'ctrl-n'], label: '↓ ^n', help: 'Next result', modes: ['search'], group: 'Search', hint: 'move' },
  { action: 'up', keys: ['up', 'ctrl-p'], label: '↑ ^p', help: 'Previous result', modes: ['search'], group: 'Search' },

  { action: 'report-period', keys: ['t'], label: 't', help: 'The last 7 days or the last 30', modes: ['reports'], group: 'Reports', hint: '7/30 days' },
  { action: 'back', keys: ['esc', 'q'], label: 'Esc q', help: 'Back to where you were', modes: ['reports'], group: 'Reports', hint: 'back' },
  { action: 'quit', keys: ['ctrl-c'], label: '^c', help: 'Quit', modes: ['reports'], group: 'Reports' },

  { action: 'down', keys: ['down', 'ctrl-n'], label: '↓ ^n', help: 'Next choice', modes: ['picker'], group: 'Pickers and questions', hint: 'move' },
  { action: 'up', keys: ['up', 'ctrl-p'], label: '↑ ^p', help: 'Previous choice', modes: ['picker'], group: 'Pickers and questions' },
  { action: 'submit', keys: ['enter'], label: 'Enter', help: 'Choose (type to narrow the list)', modes: ['picker'], group: 'Pickers and questions', hint: 'choose' },
  { action: 'cancel', keys: ['esc', 'ctrl-c'], label: 'Esc ^c', help: 'Cancel', modes: ['picker'], group: 'Pickers and questions', hint: 'cancel' },

  { action: 'yes', keys: ['y', 'Y', 'enter'], label: 'y Enter', help: 'Yes (to a question)', modes: ['confirm'], group: 'Pickers and questions', hint: 'yes' },
  { action: 'no', keys: ['n', 'N', 'esc', 'ctrl-c'], label: 'n Esc', help: 'No (to a question)', modes: ['confirm'], group: 'Pickers and questions', hint: 'no' },
]

/** The name of a key press: `j`, `G`, `enter`, `esc`, `tab`, `shift-tab`, `up`, `ctrl-c`, `backspace`, …; '' for none. */
export function keyName(input: string, key: Key): string {
  if (key.upArrow) return 'up'
  if (key.downArrow) return 'down'
  if (key.leftArrow) return key.ctrl || key.meta ? 'ctrl-left' : 'left'
  if (key.rightArrow) return key.ctrl || key.meta ? 'ctrl-right' : 'right'
  if (key.pageUp) return 'pageup'
  if (key.pageDown) return 'pagedown'
  if (key.home) return 'home'
  if (key.end) return 'end'
  if (key.return) return 'enter'
  if (key.escape) return 'esc'
  if (key.tab) return key.shift ? 'shift-tab' : 'tab'
  if (key.backspace || key.delete) return 'backspace'
  if (key.ctrl && input.length === 1) return `ctrl-${input.toLowerCase()}`
  if (key.meta && input.length === 1) return `meta-${input.toLowerCase()}`
  return input
}

type Index = ReadonlyMap<string, readonly Binding[]>

function buildIndex(): Index {
  const index = new Map<string, Binding[]>()
  for (const binding of KEY_BINDINGS)
    for (const mode of binding.modes)
      for (const key of binding.keys) {
        const slot = `${mode} ${key}`
        index.set(slot, [...(index.get(slot) ?? []), binding])
      }
  return index
}

const INDEX = buildIndex()

/** The action bound to a key in a mode (and, browsing, the focused pane), or null. */
export function actionFor(mode: Mode, pane: Pane, name: string): Action | null {
  const bindings = INDEX.get(`${mode} ${name}`) ?? []
  return bindings.find((b) => mode !== 'browse' || b.panes === undefined || b.panes.includes(pane))?.action ?? null
}

/** A key event with nothing pressed: the base of the keys `splitKeys` makes (and of tests' keys). */
export const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
}

const CONTROL_KEYS: Readonly<Record<string, Partial<Key>>> = {
  '\r': { return: true },
  '\n': { return: true },
  '\t': { tab: true },
  '\u007f': { backspace: true },
  '\b': { backspace: true },
}

/**
 * One key press as Ink reports it may hold several keys when they arrive
 * together (typed ahead, pasted, or sent by a multiplexer): `k\r` is `k` then
 * Enter. Splits it into runs of printable text and single control keys.
 */
export function splitKeys(input: string, key: Key): Array<readonly [string, Key]> {
  const isPlain = Object.entries(key).every(([name, value]) => name === 'shift' || name === 'eventType' || value === false || value === undefined)
  if (!isPlain || input.length <= 1) return [[input, key]]
  const keys: Array<readonly [string, Key]> = []
  let text = ''
  for (const char of input) {
    const control = CONTROL_KEYS[char]
    if (!control) {
      text += char
      continue
    }
    if (text !== '') keys.push([text, NO_KEY])
    text = ''
    keys.push(['', { ...NO_KEY, ...control }])
  }
  if (text !== '') keys.push([text, NO_KEY])
  return keys
}

/** Printable text typed (or pasted) that a text mode takes in, or null for a control key. */
export function typedText(input: string, key: Key): string | null {
  if (key.ctrl || key.meta || key.escape || key.return || key.tab || key.backspace || key.delete) return null
  if (key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.home || key.end) return null
  const text = input.replace(/[\u0000-\u001f\u007f]/g, '')
  return text === '' ? null : text
}

/** The bindings to show in the status bar for a mode and pane, in table order. */
export function hintsFor(mode: Mode, pane: Pane): Array<{ readonly label: string; readonly hint: string; readonly action: Action }> {
  return KEY_BINDINGS.filter(
    (b) => b.hint !== undefined && b.modes.includes(mode) && (mode !== 'browse' || b.panes === undefined || b.panes.includes(pane)),
  ).map((b) => ({ label: b.label.split(' ')[0]!, hint: b.hint!, action: b.action }))
}

/** The bindings grouped as the help overlay shows them. */
export function helpGroups(): Array<{ readonly group: string; readonly bindings: readonly Binding[] }> {
  const groups = new Map<string, Binding[]>()
  for (const binding of KEY_BINDINGS) {
    if (binding.modes.length === 1 && binding.modes[0] === 'help') continue
    groups.set(binding.group, [...(groups.get(binding.group) ?? []), binding])
  }
  return [...groups].map(([group, bindings]) => ({ group, bindings }))
}
