/**
 * The dashboard's own state — everything that is not data from the client:
 * focus, inbox and view, selections, filter, composer and drafts, overlays,
 * the last message shown — and the one reducer that changes it.
 */
import type { View } from '../../core/views.js'
import type { Mode, Pane } from './key-table.js'
import { atEnd } from './text-edit.js'

export type ComposerKind = 'reply' | 'note'

/** A reply being made from a template: its name, the values typed for its placeholders, and which one has the cursor. */
export type TemplateDraft = {
  readonly name: string
  readonly params: Readonly<Record<string, string>>
  /** The placeholder being filled, by its position in the template. */
  readonly field: number
  /** A flexible template whose rendered text the agent now edits as the composer's text. */
  readonly isEdited: boolean
}

export type Composer = {
  readonly kind: ComposerKind
  readonly conversation: string
  readonly text: string
  /** Where typing goes, in code points from the start of the text. */
  readonly cursor: number
  /** The highlighted @member suggestion. */
  readonly completion: number
  readonly template: TemplateDraft | null
}

export type Confirmation =
  | { readonly kind: 'takeover'; readonly conversation: string; readonly question: string }
  | { readonly kind: 'discard-held'; readonly conversation: string; readonly message: string; readonly noticeKey: string; readonly question: string }

/** `marked`: the conversations a bulk action's choice is for (the marked ones when it opened); absent, `conversation` alone. */
export type Picker =
  | { readonly kind: 'assign'; readonly conversation: string; readonly query: string; readonly index: number; readonly marked?: readonly string[] }
  | { readonly kind: 'inbox'; readonly query: string; readonly index: number }
  | { readonly kind: 'template'; readonly conversation: string; readonly query: string; readonly index: number }
  /** When a snooze wakes: the quick choices, or a WHEN typed as the query. */
  | { readonly kind: 'snooze'; readonly conversation: string; readonly query: string; readonly index: number; readonly marked?: readonly string[] }
  /** The catalogue's labels, each added or removed with Enter; the picker stays up for the next. */
  | { readonly kind: 'labels'; readonly conversation: string; readonly query: string; readonly index: number; readonly marked?: readonly string[] }
  | { readonly kind: 'priority'; readonly conversation: string; readonly query: string; readonly index: number; readonly marked?: readonly string[] }

export type Overlay =
  /** `scroll`: lines the help is scrolled down (it scrolls when it does not fit). */
  | { readonly kind: 'help'; readonly scroll: number }
  | { readonly kind: 'confirm'; readonly confirmation: Confirmation }
  | { readonly kind: 'picker'; readonly picker: Picker }
  /** The search screen: what is typed, and the highlighted result. */
  | { readonly kind: 'search'; readonly query: string; readonly index: number }
  /** The reports screen for the current inbox over the last `days` days. */
  | { readonly kind: 'reports'; readonly days: ReportDays }

/** The periods the reports screen toggles between. */
export const REPORT_DAYS = [7, 30] as const
export type ReportDays = (typeof REPORT_DAYS)[number]

export type Flash = { readonly text: string; readonly tone: 'info' | 'error' }

/** The selected row of a view: its conversation, and its position should that conversation leave the view. */
export type Selection = { readonly id: string | null; readonly index: number }

export type DashboardState = {
  /** The current inbox's document name (null until the inbox list is known). */
  readonly inbox: string | null
  readonly view: View
  /** The saved view shown instead of the inbox's view (its name), or null. */
  readonly saved: string | null
  readonly focus: Pane
  readonly selections: Readonly<Record<string, Selection>>
  /** The conversation opened with Enter (connected, with presence), or null. */
  readonly openId: string | null
  /** Lines the timeline is scrolled up from its end. */
  readonly scroll: number
  readonly filter: string
  readonly isFiltering: boolean
  readonly composer: Composer | null
  /** Unsent text per `kind conversation`. */
  readonly drafts: Readonly<Record<string, string>>
  readonly overlay: Overlay | null
  /** What was last typed on the search screen, shown again when it reopens. */
  readonly lastSearch: string
  readonly flash: Flash | null
  /** The notice line's message read whole (its `noticeId`), or null: the line shows one line of it. */
  readonly expandedNotice: string | null
  /** The list sorted by SLA due time (soonest first) rather than by newest message. */
  readonly isSortedByDue: boolean
  /** Conversations marked for a bulk action (space, `*`), of the current inbox and view. */
  readonly marks: ReadonlySet<string>
}

export type DashboardEvent =
  | { readonly type: 'choose'; readonly inbox: string; readonly view: View }
  /** Shows one of the agent's saved views: its conversations across every inbox. */
  | { readonly type: 'choose-saved'; readonly name: string }
  | { readonly type: 'select'; readonly id: string | null; readonly index: number }
  | { readonly type: 'focus'; readonly pane: Pane }
  | { readonly type: 'open'; readonly id: string }
  | { readonly type: 'close' }
  | { readonly type: 'scroll'; readonly lines: number }
  | { readonly type: 'scroll-to'; readonly lines: number }
  | { readonly type: 'filter-start' }
  | { readonly type: 'filter-set'; readonly text: string }
  | { readonly type: 'filter-keep' }
  | { readonly type: 'filter-clear' }
  | { readonly type: 'compose'; readonly kind: ComposerKind; readonly conversation: string }
  /** New text, the cursor at `cursor` (its end when absent). */
  | { readonly type: 'compose-set'; readonly text: string; readonly cursor?: number; readonly completion?: number }
  | { readonly type: 'compose-kind' }
  /** Starts (or restarts) a reply from template `name`, keeping any free-text draft. */
  | { readonly type: 'compose-template'; readonly conversation: string; readonly name: string }
  | { readonly type: 'template-set'; readonly template: TemplateDraft; readonly text?: string }
  | { readonly type: 'compose-end'; readonly isSent: boolean }
  | { readonly type: 'overlay'; readonly overlay: Overlay | null }
  | { readonly type: 'flash'; readonly flash: Flash | null }
  | { readonly type: 'notice-expand'; readonly id: string | null }
  | { readonly type: 'sort-by-due'; readonly isSortedByDue: boolean }
  | { readonly type: 'mark-toggle'; readonly id: string }
  /** Marks these, keeping the marks already set. */
  | { readonly type: 'mark-all'; readonly ids: readonly string[] }
  | { readonly type: 'marks-clear' }

export function initialState(inbox: string | null = null, view: View = 'unassigned'): DashboardState {
  return {
    inbox,
    view,
    saved: null,
    focus: 'list',
    selections: {},
    openId: null,
    scroll: 0,
    filter: '',
    isFiltering: false,
    composer: null,
    drafts: {},
    overlay: null,
    lastSearch: '',
    flash: null,
    expandedNotice: null,
    isSortedByDue: false,
    marks: NO_MARKS,
  }
}

const NO_MARKS: ReadonlySet<string> = new Set()

/** Where the selection of the list shown is kept: per inbox and view, or per saved view. */
export function selectionKey(state: Pick<DashboardState, 'inbox' | 'view' | 'saved'>): string {
  return state.saved === null ? `${state.inbox ?? ''} ${state.view}` : `saved ${state.saved}`
}

const draftKey = (kind: ComposerKind, conversation: string): string => `${kind} ${conversation}`

export function draftOf(state: DashboardState, kind: ComposerKind, conversation: string): string {
  return state.drafts[draftKey(kind, conversation)] ?? ''
}

function withDraft(state: DashboardState, composer: Composer, text: string): Readonly<Record<string, string>> {
  // A template reply is not a draft: its text is the template's, made again by choosing it.
  if (composer.template) return state.drafts
  const key = draftKey(composer.kind, composer.conversation)
  const { [key]: _dropped, ...rest } = state.drafts
  return text.trim() === '' ? rest : { ...rest, [key]: text }
}

/** The input mode the state is in: what the keys do. */
export function modeOf(state: DashboardState): Mode {
  switch (state.overlay?.kind) {
    case 'help':
      return 'help'
    case 'confirm':
      return 'confirm'
    case 'picker':
      return 'picker'
    case 'search':
      return 'search'
    case 'reports':
      return 'reports'
    case undefined:
      if (state.composer) return state.composer.template && !state.composer.template.isEdited ? 'template' : 'compose'
      return state.isFiltering ? 'filter' : 'browse'
  }
}

export function reduce(state: DashboardState, event: DashboardEvent): DashboardState {
  switch (event.type) {
    case 'choose':
      if (state.inbox === event.inbox && state.view === event.view && state.saved === null) return state
      // Marks belong to the view they were made in: what a bulk action acts on is always in sight.
      return { ...state, inbox: event.inbox, view: event.view, saved: null, marks: NO_MARKS }
    case 'choose-saved':
      return state.saved === event.name ? state : { ...state, saved: event.name, marks: NO_MARKS }
    case 'select': {
      const key = selectionKey(state)
      const current = state.selections[key]
      if (current && current.id === event.id && current.index === event.index) return state
      return { ...state, selections: { ...state.selections, [key]: { id: event.id, index: event.index } } }
    }
    case 'focus':
      return state.focus === event.pane ? state : { ...state, focus: event.pane }
    case 'open':
      return { ...state, openId: event.id, focus: 'conversation', scroll: 0 }
    case 'close': {
      const drafts = state.composer ? withDraft(state, state.composer, state.composer.text) : state.drafts
      return { ...state, openId: null, focus: 'list', scroll: 0, composer: null, drafts }
    }
    case 'scroll':
      return { ...state, scroll: Math.max(0, state.scroll + event.lines) }
    case 'scroll-to':
      return { ...state, scroll: Math.max(0, event.lines) }
    case 'filter-start':
      return { ...state, isFiltering: true, focus: state.focus === 'conversation' ? 'list' : state.focus }
    case 'filter-set':
      return { ...state, filter: event.text }
    case 'filter-keep':
      return { ...state, isFiltering: false, filter: state.filter.trim() }
    case 'filter-clear':
      return { ...state, isFiltering: false, filter: '' }
    case 'compose':
      return {
        ...state,
        composer: { kind: event.kind, conversation: event.conversation, ...atEnd(draftOf(state, event.kind, event.conversation)), completion: 0, template: null },
        scroll: 0,
      }
    case 'compose-template': {
      const drafts = state.composer ? withDraft(state, state.composer, state.composer.text) : state.drafts
      const template: TemplateDraft = { name: event.name, params: {}, field: 0, isEdited: false }
      return { ...state, drafts, composer: { kind: 'reply', conversation: event.conversation, text: '', cursor: 0, completion: 0, template }, scroll: 0 }
    }
    case 'template-set':
      if (!state.composer) return state
      return { ...state, composer: { ...state.composer, template: event.template, ...(event.text === undefined ? {} : atEnd(event.text)) } }
    case 'compose-set':
      return state.composer
        ? { ...state, composer: { ...state.composer, text: event.text, cursor: event.cursor ?? [...event.text].length, completion: event.completion ?? 0 } }
        : state
    case 'compose-kind': {
      if (!state.composer) return state
      const kind: ComposerKind = state.composer.kind === 'reply' ? 'note' : 'reply'
      // A note is never a template: switching keeps the text, as free text.
      return { ...state, composer: { ...state.composer, kind, template: null } }
    }
    case 'compose-end': {
      if (!state.composer) return state
      return { ...state, composer: null, drafts: withDraft(state, state.composer, event.isSent ? '' : state.composer.text) }
    }
    case 'overlay':
      return { ...state, overlay: event.overlay, lastSearch: event.overlay?.kind === 'search' ? event.overlay.query : state.lastSearch }
    case 'flash':
      return { ...state, flash: event.flash }
    case 'notice-expand':
      return { ...state, expandedNotice: event.id }
    case 'sort-by-due':
      return { ...state, isSortedByDue: event.isSortedByDue }
    case 'mark-toggle': {
      const marks = new Set(state.marks)
      if (!marks.delete(event.id)) marks.add(event.id)
      return { ...state, marks }
    }
    case 'mark-all':
      return { ...state, marks: new Set([...state.marks, ...event.ids]) }
    case 'marks-clear':
      return state.marks.size === 0 ? state : { ...state, marks: NO_MARKS }
  }
}
