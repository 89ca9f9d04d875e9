/**
 * What a reply may be on its channel: a template reply must use an existing
 * template of that channel with exactly its params (and, if structured, its
 * exact text); an SMS reply is refused while the contact is opted out; a
 * WhatsApp reply outside the 24-hour window must be a structured template.
 *
 * The same rule runs in the client (before the reply is made), in the
 * server's update validation (judged at the reply's own time) and in the
 * dispatcher (judged when sending), so they all say the same thing.
 */
import { isOptedOut, type Consent } from './consent.js'
import { HuddleError } from './errors.js'
import { renderTemplate, templateParamsProblems, type Template, type TemplateUse } from './template.js'
import type { Channel } from './users.js'
import { lastInboundBefore, whatsappWindow } from './whatsapp-window.js'

/** What the conversation and the organisation say about replies. */
export type ReplyConditions = {
  /** When each customer message of the conversation arrived (server time). */
  readonly inboundTimes: readonly number[]
  /** The contact's latest consent change (SMS), from the conversation's meta or the server's record. */
  readonly consent: Consent | null
  readonly templates: Readonly<Record<string, Template>>
}

export type ReplyDraft = {
  readonly conversation: string
  readonly channel: Channel
  readonly body: string
  readonly template: TemplateUse | null
  /** The moment the reply is judged at: when written, or when sent. */
  readonly at: number
}

/** Whether the reply is being written (client, validation) or sent (dispatcher): only the wording differs. */
export type ReplyMoment = 'write' | 'send'

function formatMoment(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/:\d\d\.\d+Z$/, 'Z')
}

function templateRefusal(draft: ReplyDraft, templates: ReplyConditions['templates']): HuddleError | null {
  const use = draft.template
  if (use === null) return null
  const template = Object.hasOwn(templates, use.name) ? templates[use.name] : undefined
  if (!template) return new HuddleError('invalid', `There is no template \`${use.name}\`. List them with \`huddle template list\`.`)
  if (template.channel !== draft.channel)
    return new HuddleError('invalid', `Template \`${use.name}\` is for ${template.channel}, but conversation \`${draft.conversation}\` is on ${draft.channel}. Pick a ${draft.channel} template.`)
  const problems = templateParamsProblems(template, use.params)
  if (problems.length > 0) return new HuddleError('invalid', problems.join(' '), problems)
  if (template.kind === 'structured' && renderTemplate(template, use.params) !== draft.body)
    return new HuddleError(
      'invalid',
      `Template \`${use.name}\` is structured: only its placeholders may change, but this reply's text differs from it. Send it as rendered, or write a free reply.`,
    )
  return null
}

function isStructured(draft: ReplyDraft, templates: ReplyConditions['templates']): boolean {
  return draft.template !== null && templates[draft.template.name]?.kind === 'structured'
}

/**
 * Why no SMS reply may be made (or sent) in the conversation at `at` because its
 * contact opted out, or null; the dashboard asks it before a reply is written.
 */
export function optOutRefusal(conversation: string, consent: Consent | null, at: number, moment: ReplyMoment = 'write'): HuddleError | null {
  if (consent === null || !isOptedOut(consent, at)) return null
  return new HuddleError(
    'forbidden',
    moment === 'write'
      ? `The contact of conversation \`${conversation}\` texted ${consent.keyword} at ${formatMoment(consent.at)}, so SMS replies to them are refused until they text START. Add a note instead.`
      : `the contact texted ${consent.keyword} at ${formatMoment(consent.at)}, so SMS replies are refused until they text START`,
  )
}

/** Why this reply may not be made (or sent), or null when it may. */
export function replyRefusal(draft: ReplyDraft, conditions: ReplyConditions, moment: ReplyMoment = 'write'): HuddleError | null {
  const misuse = templateRefusal(draft, conditions.templates)
  if (misuse) return misuse
  if (draft.channel === 'sms') {
    const optedOut = optOutRefusal(draft.conversation, conditions.consent, draft.at, moment)
    if (optedOut) return optedOut
  }
  if (draft.channel === 'whatsapp' && !isStructured(draft, conditions.templates)) {
    const window = whatsappWindow('whatsapp', lastInboundBefore(conditions.inboundTimes, draft.at), draft.at)
    if (window.kind === 'closed') {
      const when =
        window.closedAt === null
          ? 'has no WhatsApp 24-hour window open (the customer has not written)'
          : `had its WhatsApp 24-hour window close at ${formatMoment(window.closedAt)}, 24 hours after the customer's last message`
      const what = draft.template === null ? 'a free-text reply' : `flexible template \`${draft.template.name}\``
      return new HuddleError(
        'forbidden',
        moment === 'write'
          ? `Conversation \`${draft.conversation}\` ${when}, so ${what} cannot be sent; only a structured template can. Send one with \`huddle conversation reply ${draft.conversation} --template NAME --param name=value\` (see \`huddle template list\`).`
          : `the WhatsApp 24-hour window closed${window.closedAt === null ? '' : ` at ${formatMoment(window.closedAt)}`} before this reply could be sent; only a structured template can be sent now`,
      )
    }
  }
  return null
}
