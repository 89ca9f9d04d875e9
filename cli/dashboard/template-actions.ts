/**
 * Replying with a template in the dashboard: the picker of the templates the
 * conversation's channel (and WhatsApp's window) allows, filling the chosen
 * template's placeholders one at a time, editing a flexible one's text, and
 * sending it as a template reply.
 */
import { renderTemplate, templateParamsProblems, type Template, type TemplateUse } from '../../core/template.js'
import type { ConversationRow } from '../client/inbox-view.js'
import type { Controller } from './controller.js'
import type { TemplateDraft } from './dashboard-state.js'
import { act, say } from './feedback.js'
import { contactLabel, CHANNEL_LABELS } from './format.js'
import type { Action } from './key-table.js'
import { replyWindow } from './reply-window.js'
import { applyEdit, atEnd } from './text-edit.js'
import { templateChoices } from './template-choices.js'

/** Opens the template picker for a reply to `row`, or says why there is nothing to pick. */
export function openTemplatePicker(c: Controller, row: ConversationRow): void {
  const window = replyWindow(row, c.now)
  if (templateChoices(c.source.templates(), row.channel, window).length > 0)
    return c.dispatch({ type: 'overlay', overlay: { kind: 'picker', picker: { kind: 'template', conversation: row.id, query: '', index: 0 } } })
  const add = 'ask an admin to add one'
  if (window.kind === 'closed')
    return say(c, `WhatsApp’s 24-hour window for ${contactLabel(row)} has closed, so only a structured template can be sent, and there is no structured WhatsApp template: ${add}. A note still works.`, 'error')
  say(c, `There is no ${CHANNEL_LABELS[row.channel]} template yet: ${add}.`, 'error')
}

type Filling = { readonly draft: TemplateDraft; readonly template: Template; readonly conversation: string }

/** The template reply being written and its template, or null (saying why) when the template is gone. */
function filling(c: Controller): Filling | null {
  const composer = c.state.composer
  if (!composer?.template) return null
  const templates = c.source.templates()
  const template = Object.hasOwn(templates, composer.template.name) ? templates[composer.template.name]! : null
  if (!template) {
    say(c, `Template \`${composer.template.name}\` is no longer there (an admin removed it); ^o picks another, Esc stops.`, 'error')
    return null
  }
  return { draft: composer.template, template, conversation: composer.conversation }
}

function fieldName(f: Filling): string | undefined {
  return f.template.placeholders[f.draft.field]
}

function setValue(c: Controller, f: Filling, change: (value: string) => string): void {
  const name = fieldName(f)
  if (name === undefined) return say(c, `Template \`${f.template.name}\` has nothing to fill in; Enter sends it.`)
  const value = change(f.draft.params[name] ?? '')
  c.dispatch({ type: 'template-set', template: { ...f.draft, params: { ...f.draft.params, [name]: value } } })
}

function moveField(c: Controller, f: Filling, step: 1 | -1): void {
  const count = f.template.placeholders.length
  if (count === 0) return
  c.dispatch({ type: 'template-set', template: { ...f.draft, field: (f.draft.field + step + count) % count } })
}

/** The params as they will be sent (trimmed), or null after pointing the cursor at the first one still empty. */
function completeParams(c: Controller, f: Filling): Record<string, string> | null {
  const params = Object.fromEntries(f.template.placeholders.map((p) => [p, (f.draft.params[p] ?? '').trim()]))
  const empty = f.template.placeholders.findIndex((p) => params[p] === '')
  if (empty >= 0) {
    c.dispatch({ type: 'template-set', template: { ...f.draft, field: empty } })
    say(c, `Fill in {{${f.template.placeholders[empty]}}} first; Tab moves between the placeholders.`, 'error')
    return null
  }
  const problems = templateParamsProblems(f.template, params)
  if (problems.length > 0) {
    say(c, problems.join(' '), 'error')
    return null
  }
  return params
}

function editText(c: Controller, f: Filling): void {
  if (f.template.kind === 'structured')
    return say(c, `Template \`${f.template.name}\` is structured: only its placeholders may change, so its text cannot be edited.`, 'error')
  const params = completeParams(c, f)
  if (params) c.dispatch({ type: 'template-set', template: { ...f.draft, params, isEdited: true }, text: renderTemplate(f.template, params) })
}

/** Sends the template reply being written (filled, or a flexible one's edited text). */
export function sendTemplateReply(c: Controller): void {
  const f = filling(c)
  if (!f) return
  const empty = f.template.placeholders.findIndex((p) => (f.draft.params[p] ?? '').trim() === '')
  // Enter on a filled placeholder while others are empty moves on to the next empty one.
  if (!f.draft.isEdited && empty >= 0 && (f.draft.params[fieldName(f) ?? ''] ?? '').trim() !== '')
    return c.dispatch({ type: 'template-set', template: { ...f.draft, field: empty } })
  const params = f.draft.isEdited ? f.draft.params : completeParams(c, f)
  if (!params) return
  const body = f.draft.isEdited ? (c.state.composer?.text ?? '').trim() : renderTemplate(f.template, params)
  if (body === '') return say(c, 'The text is empty; write the reply, or Esc to stop.', 'error')
  const row = c.source.conversation(f.conversation)
  if (!row) return say(c, 'That conversation is not in your inboxes any more.', 'error')
  const use: TemplateUse = { name: f.template.name, params }
  c.dispatch({ type: 'compose-end', isSent: true })
  act(c, () => c.source.actions.reply(row.id, body, use), `Template \`${use.name}\` to ${contactLabel(row)} saved and sending`)
}

/** Runs an action of the `template` mode (filling placeholders). */
export function templateAction(c: Controller, action: Action): void {
  if (action === 'cancel') return c.dispatch({ type: 'compose-end', isSent: false })
  if (action === 'pick-template') {
    const row = c.state.composer ? c.source.conversation(c.state.composer.conversation) : null
    return row ? openTemplatePicker(c, row) : undefined
  }
  if (action === 'submit') return sendTemplateReply(c)
  const f = filling(c)
  if (!f) return
  switch (action) {
    case 'delete-back':
    case 'delete-word':
    case 'clear-text':
      return setValue(c, f, (value) => applyEdit(atEnd(value), action).text)
    case 'next-field':
      return moveField(c, f, 1)
    case 'previous-field':
      return moveField(c, f, -1)
    case 'edit-template':
      return editText(c, f)
    default:
      return
  }
}

/** Text typed while filling a template goes into the placeholder with the cursor. */
export function takeTemplateText(c: Controller, text: string): void {
  const f = filling(c)
  if (f) setValue(c, f, (value) => value + text)
}
