/**
 * What each action of the key table does, given where the dashboard stands:
 * moving, switching views and inboxes, opening, the conversation actions
 * (through the client, applied locally at once and synced when connected),
 * the composer, filter, pickers, questions and notices.
 */
import type { ClientStatus, InboxInfo } from '../client/huddle-client.js'
import type { ConversationRow } from '../client/inbox-view.js'
import type { Notice } from '../client/merge-notices.js'
import type { SavedViewSummary } from '../client/saved-view-rows.js'
import type { SearchHit } from '../../core/search-hit.js'
import { allowsFreeText } from '../../core/whatsapp-window.js'
import { decide, type InboxAccess } from '../../core/permissions.js'
import { optOutRefusal } from '../../core/reply-rules.js'
import { snoozeUntilOf, snoozeZoneOf } from './picker-choices.js'
import { VIEWS, type View } from '../../core/views.js'
import { isPriority } from '../../core/priority.js'
import { cycleAvailability } from './availability-action.js'
import type { DashboardSource } from './dashboard-source.js'
import { act, say } from './feedback.js'
import { modeOf, type DashboardEvent, type DashboardState, type Picker } from './dashboard-state.js'
import { contactLabel } from './format.js'
import type { Action, Pane } from './key-table.js'
import { panesOf, type Layout } from './layout.js'
import { completeMention, type Member } from './mentions.js'
import { applyEdit, atEnd, beforeCursor, insertText, replaceBefore, type TextEdit } from './text-edit.js'
import { noticeConversation, noticeId } from './notice-line.js'
import { pastedText } from './paste.js'
import { replyWindow } from './reply-window.js'
import { openReports, reportsAction } from './report-actions.js'
import { openSearch, searchAction, takeSearchText } from './search-actions.js'
import { actOnMarked, markAll, pickForMarked, toggleMark } from './bulk-actions.js'
import { openTemplatePicker, sendTemplateReply, takeTemplateText, templateAction } from './template-actions.js'

export type PickerOption = { readonly key: string; readonly label: string; readonly detail?: string; readonly value: string }

export type Controller = {
  readonly state: DashboardState
  readonly dispatch: (event: DashboardEvent) => void
  readonly source: DashboardSource
  readonly layout: Layout
  readonly inboxes: readonly InboxInfo[]
  readonly inbox: InboxInfo | null
  /** The agent's saved views, listed under the inboxes. */
  readonly savedViews: readonly SavedViewSummary[]
  /** The current view's rows, filtered. */
  readonly rows: readonly ConversationRow[]
  readonly cursor: number
  /** The conversation the actions apply to: the open one, else the selected row. */
  readonly target: ConversationRow | null
  /** The rows of the list marked for a bulk action: with any, claim, assign, unassign, snooze and archive act on them all. */
  readonly marked: readonly ConversationRow[]
  readonly notices: readonly Notice[]
  readonly status: ClientStatus
  /** Rows of the list in sight, for paging. */
  readonly listPage: number
  /** The dashboard's clock (server-corrected), for WhatsApp's reply window. */
  readonly now: number
  /** Lines of the timeline in sight, and how far up it can scroll. */
  readonly timelinePage: number
  readonly timelineMaxScroll: number
  /** How far the help overlay can scroll at this size. */
  readonly helpMaxScroll: number
  readonly candidates: readonly Member[]
  readonly pickerOptions: readonly PickerOption[]
  /** The results on the search screen, as shown. */
  readonly searchHits: readonly SearchHit[]
  readonly nameOf: (id: string) => string
  readonly quit: () => void
  /** An action started: the keys after it wait until it is applied and drawn. */
  readonly onApplying: (applied: Promise<unknown>) => void
}

const VIEW_OF_ACTION: Partial<Record<Action, View>> = {
  'view-mine': 'mine',
  'view-others': 'others',
  'view-unassigned': 'unassigned',
  'view-archived': 'archived',
  'view-snoozed': 'snoozed',
}

export function accessOf(inbox: Pick<InboxInfo, 'kind' | 'name' | 'members'>): InboxAccess {
  return inbox.kind === 'personal' ? { kind: 'personal', owner: inbox.members[0] ?? '' } : { kind: 'shared', name: inbox.name, members: inbox.members }
}

/** Why the agent may not reply to this conversation at all (licence, SMS opt-out), or null when they may. */
export function replyRefusal(c: Pick<Controller, 'source' | 'inboxes' | 'now'>, row: ConversationRow): string | null {
  const me = c.source.me()
  if (!me) return 'This computer has not yet learnt who you are from the server; wait until it is online.'
  const inbox = c.inboxes.find((i) => i.doc === row.inbox)
  if (!inbox) return null
  const decision = decide(me, { kind: 'reply', inbox: accessOf(inbox), channel: row.channel })
  if (!decision.allowed) return decision.error.message
  if (row.channel !== 'sms') return null
  return optOutRefusal(row.id, c.source.conversation(row.id)?.consent ?? null, c.now)?.message ?? null
}

/** Whether WhatsApp's window lets free text be sent to this conversation now (else only a structured template). */
export function isFreeTextOpen(c: Pick<Controller, 'now'>, row: ConversationRow): boolean {
  return allowsFreeText(replyWindow(row, c.now))
}

function select(c: Controller, index: number): void {
  if (c.rows.length === 0) return
  const clamped = Math.min(Math.max(0, index), c.rows.length - 1)
  c.dispatch({ type: 'select', id: c.rows[clamped]!.id, index: clamped })
}

type Slot = { readonly inbox: string; readonly view: View } | { readonly saved: string }

/** The rows of the Inboxes pane, in order: each inbox's views, then the saved views. */
function viewSlots(c: Controller): Slot[] {
  return [...c.inboxes.flatMap((inbox) => VIEWS.map((view) => ({ inbox: inbox.doc, view }))), ...c.savedViews.map((v) => ({ saved: v.name }))]
}

function isCurrentSlot(c: Controller, slot: Slot): boolean {
  return 'saved' in slot ? c.state.saved === slot.saved : c.state.saved === null && slot.inbox === c.state.inbox && slot.view === c.state.view
}

function moveSlot(c: Controller, to: (current: number, count: number) => number): void {
  const slots = viewSlots(c)
  if (slots.length === 0) return
  const current = Math.max(0, slots.findIndex((s) => isCurrentSlot(c, s)))
  const next = slots[Math.min(Math.max(0, to(current, slots.length)), slots.length - 1)]!
  c.dispatch('saved' in next ? { type: 'choose-saved', name: next.saved } : { type: 'choose', inbox: next.inbox, view: next.view })
}

function open(c: Controller, row: ConversationRow | null): boolean {
  if (!row) return false
  c.dispatch({ type: 'open', id: row.id })
  return true
}

function focusPane(c: Controller, pane: Pane): void {
  if (pane === c.state.focus) return
  if (pane === 'conversation') {
    if (!open(c, c.rows[c.cursor] ?? null)) say(c, 'No conversation to open in this view.')
    return
  }
  if (c.state.focus === 'conversation') c.dispatch({ type: 'close' })
  c.dispatch({ type: 'focus', pane })
}

function cyclePane(c: Controller, step: 1 | -1): void {
  const panes = panesOf(c.layout)
  const index = panes.indexOf(c.state.focus)
  focusPane(c, panes[(index + step + panes.length) % panes.length]!)
}

function chooseView(c: Controller, view: View): void {
  if (c.state.focus === 'conversation') c.dispatch({ type: 'close' })
  if (c.state.inbox !== null) c.dispatch({ type: 'choose', inbox: c.state.inbox, view })
  if (c.state.focus === 'inboxes' && c.layout.inboxes === 0) c.dispatch({ type: 'focus', pane: 'list' })
}

function stepInbox(c: Controller, step: 1 | -1): void {
  if (c.inboxes.length === 0) return
  const index = c.inboxes.findIndex((i) => i.doc === c.state.inbox)
  const next = c.inboxes[(index + step + c.inboxes.length) % c.inboxes.length]!
  if (c.state.focus === 'conversation') c.dispatch({ type: 'close' })
  c.dispatch({ type: 'choose', inbox: next.doc, view: c.state.view })
}

function move(c: Controller, action: 'down' | 'up' | 'top' | 'bottom' | 'page-down' | 'page-up'): void {
  const delta = { down: 1, up: -1, 'page-down': c.listPage, 'page-up': -c.listPage, top: -Infinity, bottom: Infinity }[action]
  switch (c.state.focus) {
    case 'inboxes':
      moveSlot(c, (current, count) => (delta === -Infinity ? 0 : delta === Infinity ? count - 1 : current + Math.sign(delta) * (Math.abs(delta) === 1 ? 1 : 4)))
      return
    case 'list':
      select(c, delta === -Infinity ? 0 : delta === Infinity ? c.rows.length - 1 : c.cursor + delta)
      return
    case 'conversation': {
      // Scrolling counts lines up from the latest message.
      const lines = { down: -1, up: 1, 'page-down': -c.timelinePage, 'page-up': c.timelinePage, top: c.timelineMaxScroll, bottom: -Infinity }[action]
      if (lines === -Infinity) c.dispatch({ type: 'scroll-to', lines: 0 })
      else c.dispatch({ type: 'scroll-to', lines: Math.min(c.timelineMaxScroll, Math.max(0, Math.min(c.state.scroll, c.timelineMaxScroll) + lines)) })
      return
    }
  }
}

function claim(c: Controller, row: ConversationRow): void {
  const me = c.source.userId
  if (row.assignee === me) return say(c, `${contactLabel(row)} is already yours.`)
  if (row.assignee !== null) return say(c, `${contactLabel(row)} is assigned to ${c.nameOf(row.assignee)}; t takes it over.`, 'error')
  act(c, () => c.source.actions.assignment(row.id, { kind: 'claim' }), `Claimed ${contactLabel(row)}`)
}

function takeover(c: Controller, row: ConversationRow): void {
  if (row.assignee === c.source.userId) return say(c, `${contactLabel(row)} is already yours.`)
  if (row.assignee === null) return say(c, `Nobody holds ${contactLabel(row)}; c claims it.`)
  c.dispatch({
    type: 'overlay',
    overlay: { kind: 'confirm', confirmation: { kind: 'takeover', conversation: row.id, question: `Take over ${contactLabel(row)} from ${c.nameOf(row.assignee)}?` } },
  })
}

function compose(c: Controller, row: ConversationRow, kind: 'reply' | 'note'): void {
  if (kind === 'reply') {
    const refusal = replyRefusal(c, row)
    if (refusal) return say(c, refusal, 'error')
  }
  if (c.state.openId !== row.id) c.dispatch({ type: 'open', id: row.id })
  // Outside WhatsApp's window the composer offers templates only.
  if (kind === 'reply' && !isFreeTextOpen(c, row)) return openTemplatePicker(c, row)
  c.dispatch({ type: 'compose', kind, conversation: row.id })
}

function currentNotice(c: Controller): Notice | null {
  return c.notices[0] ?? null
}

function openNotice(c: Controller, notice: Notice): void {
  const id = noticeConversation(notice)
  const row = id === null ? null : c.source.conversation(id)
  if (!row) return say(c, 'That conversation is not in your inboxes any more.', 'error')
  c.dispatch({ type: 'close' })
  c.dispatch({ type: 'choose', inbox: row.inbox, view: row.view })
  c.dispatch({ type: 'select', id: row.id, index: 0 })
  c.dispatch({ type: 'open', id: row.id })
  if (notice.kind !== 'held') c.source.actions.markReported([notice.key])
}

/** Runs one action of the key table. */
export function runAction(c: Controller, action: Action): void {
  const mode = modeOf(c.state)
  switch (mode) {
    case 'help':
      return helpAction(c, action)
    case 'confirm':
      return answer(c, action === 'yes')
    case 'picker':
      return pick(c, action)
    case 'search':
      return searchAction(c, action)
    case 'reports':
      return reportsAction(c, action)
    case 'compose':
      return composeAction(c, action)
    case 'template':
      return templateAction(c, action)
    case 'filter':
      return filterAction(c, action)
    case 'browse':
      return browse(c, action)
  }
}

function browse(c: Controller, action: Action): void {
  const target = c.target
  const view = VIEW_OF_ACTION[action]
  if (view) return chooseView(c, view)
  switch (action) {
    case 'down':
    case 'up':
    case 'top':
    case 'bottom':
    case 'page-down':
    case 'page-up':
      return move(c, action)
    case 'next-pane':
      return cyclePane(c, 1)
    case 'previous-pane':
      return cyclePane(c, -1)
    case 'previous-inbox':
      return stepInbox(c, -1)
    case 'next-inbox':
      return stepInbox(c, 1)
    case 'pick-inbox':
      return c.dispatch({ type: 'overlay', overlay: { kind: 'picker', picker: { kind: 'inbox', query: '', index: 0 } } })
    case 'open':
      if (c.state.focus === 'inboxes') return c.dispatch({ type: 'focus', pane: 'list' })
      if (!open(c, c.rows[c.cursor] ?? null)) say(c, 'No conversation to open in this view.')
      return
    case 'back':
      if (c.state.focus === 'conversation') return c.dispatch({ type: 'close' })
      if (c.state.marks.size > 0) return c.dispatch({ type: 'marks-clear' })
      if (c.state.filter !== '') return c.dispatch({ type: 'filter-clear' })
      return
    case 'mark':
      return toggleMark(c)
    case 'mark-all':
      return markAll(c)
    case 'filter':
      return c.dispatch({ type: 'filter-start' })
    case 'search':
      return openSearch(c)
    case 'reports':
      return openReports(c)
    case 'help':
      return c.dispatch({ type: 'overlay', overlay: { kind: 'help', scroll: 0 } })
    case 'quit':
      return c.quit()
    case 'sort-by-due':
      return c.dispatch({ type: 'sort-by-due', isSortedByDue: !c.state.isSortedByDue })
    case 'availability':
      return cycleAvailability(c)
    case 'notice-dismiss': {
      const notice = currentNotice(c)
      if (!notice) return say(c, 'No notice to dismiss.')
      c.source.actions.markReported([notice.key])
      if (c.state.flash) c.dispatch({ type: 'flash', flash: null })
      return
    }
    case 'notice-open': {
      const notice = currentNotice(c)
      return notice ? openNotice(c, notice) : say(c, 'No notice to open.')
    }
    case 'notice-expand': {
      const id = noticeId(c.state.flash, c.notices)
      if (id === null) return say(c, 'No notice to read.')
      return c.dispatch({ type: 'notice-expand', id: c.state.expandedNotice === id ? null : id })
    }
    case 'held-send':
    case 'held-discard': {
      const notice = currentNotice(c)
      if (notice?.kind !== 'held') return say(c, 'No held reply is shown; s and d act on a held reply’s notice.')
      if (action === 'held-send') {
        const key = notice.key
        return act(c, () => c.source.actions.decideHeld(notice.message, 'send').then(() => c.source.actions.markReported([key])), 'The held reply will be sent')
      }
      return c.dispatch({
        type: 'overlay',
        overlay: {
          kind: 'confirm',
          confirmation: { kind: 'discard-held', conversation: notice.conversation, message: notice.message, noticeKey: notice.key, question: 'Discard your held reply? It will not be sent.' },
        },
      })
    }
    default:
      break
  }
  if (c.marked.length > 0 && c.state.focus === 'list' && actOnMarked(c, action)) return
  if (!target) return say(c, 'Select a conversation first.')
  switch (action) {
    case 'claim':
      return claim(c, target)
    case 'takeover':
      return takeover(c, target)
    case 'assign':
      return c.dispatch({ type: 'overlay', overlay: { kind: 'picker', picker: { kind: 'assign', conversation: target.id, query: '', index: 0 } } })
    case 'unassign':
      if (target.assignee === null) return say(c, `${contactLabel(target)} is not assigned to anyone.`)
      return act(c, () => c.source.actions.assignment(target.id, { kind: 'unassign' }), `Unassigned ${contactLabel(target)}`)
    case 'archive':
      return target.status === 'archived'
        ? act(c, () => c.source.actions.assignment(target.id, { kind: 'unarchive' }), `Reopened ${contactLabel(target)}`)
        : act(c, () => c.source.actions.assignment(target.id, { kind: 'archive' }), `Archived ${contactLabel(target)}`)
    case 'snooze':
      if (target.view === 'snoozed') return act(c, () => c.source.actions.assignment(target.id, { kind: 'unsnooze' }), `Woke ${contactLabel(target)}`)
      if (target.status === 'archived') return say(c, `${contactLabel(target)} is archived; reopen it (e) to snooze it.`)
      return c.dispatch({ type: 'overlay', overlay: { kind: 'picker', picker: { kind: 'snooze', conversation: target.id, query: '', index: 0 } } })
    case 'labels':
      if (Object.keys(c.source.labels()).length === 0) return say(c, 'There are no labels yet; an admin adds them.')
      return c.dispatch({ type: 'overlay', overlay: { kind: 'picker', picker: { kind: 'labels', conversation: target.id, query: '', index: 0 } } })
    case 'priority':
      return c.dispatch({ type: 'overlay', overlay: { kind: 'picker', picker: { kind: 'priority', conversation: target.id, query: '', index: 0 } } })
    case 'reply':
      return compose(c, target, 'reply')
    case 'note':
      return compose(c, target, 'note')
    default:
      return
  }
}

function helpAction(c: Controller, action: Action): void {
  const scroll = c.state.overlay?.kind === 'help' ? c.state.overlay.scroll : 0
  const page = Math.max(1, c.layout.bodyHeight - 3)
  const delta: Partial<Record<Action, number>> = { down: 1, up: -1, 'page-down': page, 'page-up': -page, top: -Infinity, bottom: Infinity }
  const step = delta[action]
  if (step !== undefined) return c.dispatch({ type: 'overlay', overlay: { kind: 'help', scroll: Math.min(c.helpMaxScroll, Math.max(0, scroll + step)) } })
  if (action === 'quit') return c.quit()
  c.dispatch({ type: 'overlay', overlay: null })
}

function answer(c: Controller, isYes: boolean): void {
  const overlay = c.state.overlay
  c.dispatch({ type: 'overlay', overlay: null })
  if (overlay?.kind !== 'confirm') return
  const confirmation = overlay.confirmation
  if (!isYes) return say(c, 'Nothing changed.')
  switch (confirmation.kind) {
    case 'takeover': {
      const row = c.source.conversation(confirmation.conversation)
      return act(c, () => c.source.actions.assignment(confirmation.conversation, { kind: 'takeover' }), `Took over ${row ? contactLabel(row) : 'the conversation'}`)
    }
    case 'discard-held':
      return act(
        c,
        () => c.source.actions.decideHeld(confirmation.message, 'discard').then(() => c.source.actions.markReported([confirmation.noticeKey])),
        'The held reply was discarded',
      )
  }
}

function updatePicker(c: Controller, picker: Picker): void {
  c.dispatch({ type: 'overlay', overlay: { kind: 'picker', picker } })
}

function pick(c: Controller, action: Action): void {
  const overlay = c.state.overlay
  if (overlay?.kind !== 'picker') return
  const picker = overlay.picker
  const count = c.pickerOptions.length
  switch (action) {
    case 'down':
    case 'up':
      if (count > 0) updatePicker(c, { ...picker, index: (picker.index + (action === 'down' ? 1 : -1) + count) % count })
      return
    case 'delete-back':
    case 'delete-word':
    case 'clear-text':
      return updatePicker(c, { ...picker, query: applyEdit(atEnd(picker.query), action).text, index: 0 })
    case 'cancel':
      return c.dispatch({ type: 'overlay', overlay: null })
    case 'submit': {
      const option = c.pickerOptions[Math.min(picker.index, count - 1)]
      if (!option) return
      if ('marked' in picker && picker.marked) return pickForMarked(c, { ...picker, marked: picker.marked }, option)
      if (picker.kind === 'labels') return toggleLabel(c, picker.conversation, option)
      c.dispatch({ type: 'overlay', overlay: null })
      if (picker.kind === 'inbox') {
        if (c.state.focus === 'conversation') c.dispatch({ type: 'close' })
        return c.dispatch({ type: 'choose', inbox: option.value, view: c.state.view })
      }
      if (picker.kind === 'template') return c.dispatch({ type: 'compose-template', conversation: picker.conversation, name: option.value })
      const row = c.source.conversation(picker.conversation)
      if (picker.kind === 'priority') {
        const priority = option.value
        if (!isPriority(priority)) return
        return act(c, () => c.source.actions.assignment(picker.conversation, { kind: 'priority', priority }), `Set ${row ? contactLabel(row) : 'the conversation'} to ${priority} priority`)
      }
      if (picker.kind === 'snooze') {
        const until = snoozeUntilOf(option.value, c.now, snoozeZoneOf(c.inboxes, row))
        return act(c, () => c.source.actions.assignment(picker.conversation, { kind: 'snooze', until }), `Snoozed ${row ? contactLabel(row) : 'the conversation'} ${option.label}`)
      }
      return act(c, () => c.source.actions.assignment(picker.conversation, { kind: 'assign', to: option.value }), `Assigned ${row ? contactLabel(row) : 'the conversation'} to ${option.label}`)
    }
    default:
      return
  }
}

/** Adds the label or takes it off; the picker stays up, showing the change, for the next one. */
function toggleLabel(c: Controller, conversation: string, option: PickerOption): void {
  const row = c.source.conversation(conversation)
  const isOn = row?.labels.includes(option.value) ?? false
  const who = row ? contactLabel(row) : 'the conversation'
  const request = { kind: isOn ? 'unlabel' : 'label', label: option.value, name: option.label } as const
  return act(c, () => c.source.actions.assignment(conversation, request), isOn ? `Took label ${option.label} off ${who}` : `Labelled ${who} ${option.label}`)
}

function composeAction(c: Controller, action: Action): void {
  const composer = c.state.composer
  if (!composer) return
  const setEdit = (edit: TextEdit): void => c.dispatch({ type: 'compose-set', text: edit.text, cursor: edit.cursor })
  switch (action) {
    case 'delete-back':
    case 'delete-word':
    case 'clear-text':
    case 'cursor-left':
    case 'cursor-right':
    case 'word-left':
    case 'word-right':
    case 'cursor-start':
    case 'cursor-end':
      return setEdit(applyEdit(composer, action))
    case 'complete': {
      const choice = c.candidates[composer.completion % Math.max(1, c.candidates.length)]
      if (choice) setEdit(replaceBefore(composer, completeMention(beforeCursor(composer), choice)))
      return
    }
    case 'completion-next':
    case 'completion-previous': {
      const count = c.candidates.length
      if (count === 0) return
      const step = action === 'completion-next' ? 1 : -1
      return c.dispatch({ type: 'compose-set', text: composer.text, cursor: composer.cursor, completion: (composer.completion + step + count) % count })
    }
    case 'switch-kind':
      return c.dispatch({ type: 'compose-kind' })
    case 'pick-template': {
      if (composer.kind === 'note') return say(c, 'Templates are for replies; ^t turns this note into a reply.', 'error')
      const row = c.source.conversation(composer.conversation)
      return row ? openTemplatePicker(c, row) : undefined
    }
    case 'cancel':
      return c.dispatch({ type: 'compose-end', isSent: false })
    case 'submit':
      return composer.template ? sendTemplateReply(c) : send(c)
    default:
      return
  }
}

function send(c: Controller): void {
  const composer = c.state.composer
  if (!composer) return
  const body = composer.text.trim()
  if (body === '') return say(c, `Write the ${composer.kind} first; Esc stops writing.`, 'error')
  const row = c.source.conversation(composer.conversation)
  if (!row) return say(c, 'That conversation is not in your inboxes any more.', 'error')
  if (composer.kind === 'reply') {
    const refusal = replyRefusal(c, row)
    if (refusal) return say(c, refusal, 'error')
    if (!isFreeTextOpen(c, row))
      return say(c, `WhatsApp’s 24-hour window for ${contactLabel(row)} has closed while you wrote, so only a structured template can be sent: ^o picks one (your text stays here).`, 'error')
  }
  const isReply = composer.kind === 'reply'
  c.dispatch({ type: 'compose-end', isSent: true })
  act(c, () => (isReply ? c.source.actions.reply(row.id, body) : c.source.actions.note(row.id, body)), isReply ? `Reply to ${contactLabel(row)} saved and sending` : 'Note added')
}

function filterAction(c: Controller, action: Action): void {
  switch (action) {
    case 'delete-back':
    case 'delete-word':
    case 'clear-text': {
      c.dispatch({ type: 'filter-set', text: applyEdit(atEnd(c.state.filter), action).text })
      return c.dispatch({ type: 'select', id: null, index: 0 })
    }
    case 'submit':
      return c.dispatch({ type: 'filter-keep' })
    case 'cancel':
      return c.dispatch({ type: 'filter-clear' })
    case 'down':
    case 'up':
      return select(c, c.cursor + (action === 'down' ? 1 : -1))
    default:
      return
  }
}

/** A paste, taken whole as text: with its lines in the composer, on one line in the filter, a picker or a placeholder; nowhere else. */
export function takePaste(c: Controller, raw: string): void {
  const mode = modeOf(c.state)
  if (mode === 'browse' || mode === 'help' || mode === 'confirm' || mode === 'reports')
    return say(c, 'Nothing was pasted: paste into a reply (r), a note (n) or the filter (/).', 'error')
  const text = pastedText(raw, mode === 'compose' ? 'lines' : 'line')
  if (text !== '') takeText(c, text)
}

/** Text typed in a mode that takes text: the filter, the composer, a picker's query, a search. */
export function takeText(c: Controller, text: string): void {
  switch (modeOf(c.state)) {
    case 'filter':
      c.dispatch({ type: 'filter-set', text: c.state.filter + text })
      // The list narrows: start again from its first row.
      return c.dispatch({ type: 'select', id: null, index: 0 })
    case 'compose': {
      if (!c.state.composer) return
      const edit = insertText(c.state.composer, text)
      return c.dispatch({ type: 'compose-set', text: edit.text, cursor: edit.cursor })
    }
    case 'template':
      return takeTemplateText(c, text)
    case 'picker':
      if (c.state.overlay?.kind === 'picker') updatePicker(c, { ...c.state.overlay.picker, query: c.state.overlay.picker.query + text, index: 0 })
      return
    case 'search':
      return takeSearchText(c, text)
    default:
      return
  }
}
