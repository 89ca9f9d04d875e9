import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { buildReply, type ActionContext } from '../../core/actions.js'
import type { Consent } from '../../core/consent.js'
import { ConversationDoc } from '../../core/conversation-doc.js'
import type { InboxAccess } from '../../core/permissions.js'
import { replyRefusal, type ReplyConditions, type ReplyDraft } from '../../core/reply-rules.js'
import { parseTemplate, renderTemplate, type Template } from '../../core/template.js'
import { previewChanges } from '../../core/yjs-internals/update-preview.js'
import type { UpdateProblem } from '../../core/update-problem.js'
import { updateProblems, type UpdateContext } from '../../core/update-rules.js'
import type { Channel } from '../../core/users.js'
import { WHATSAPP_WINDOW_MS } from '../../core/whatsapp-window.js'
import { makeUser, NEW_STATE, refusalOf, stampAt, T0 } from '../helpers/core-fixtures.js'
import { conversationDocProblems } from '../helpers/doc-problems.js'

const HOUR = 3_600_000
const shipped = parseTemplate({ name: 'order_shipped', channel: 'whatsapp', body: 'Hi {{name}}, order {{order}} has shipped.' })
const followUp = parseTemplate({ name: 'follow_up', channel: 'whatsapp', body: 'Hi {{name}}, can we help further?', kind: 'flexible' })
const smsThanks = parseTemplate({ name: 'sms_thanks', channel: 'sms', body: 'Thanks {{name}}!' })
const TEMPLATES: Record<string, Template> = { order_shipped: shipped, follow_up: followUp, sms_thanks: smsThanks }
const STOP: Consent = { status: 'opted-out', at: T0 + HOUR, keyword: 'STOP' }

function conditions(overrides: Partial<ReplyConditions> = {}): ReplyConditions {
  return { inboundTimes: [T0], consent: null, templates: TEMPLATES, ...overrides }
}

function draft(overrides: Partial<ReplyDraft> = {}): ReplyDraft {
  return { conversation: 'c1', channel: 'whatsapp', body: 'Hello', template: null, at: T0 + HOUR, ...overrides }
}

const rendered = renderTemplate(shipped, { name: 'Ada', order: '#1' })

describe('the WhatsApp window', () => {
  it('allows free text within 24 hours of the customer’s last message', () => {
    expect(replyRefusal(draft({ at: T0 + WHATSAPP_WINDOW_MS - 1 }), conditions())).toBeNull()
  })

  it('refuses free text once the window closed, saying how to send a template', () => {
    const error = replyRefusal(draft({ at: T0 + WHATSAPP_WINDOW_MS }), conditions())
    expect(error?.code).toBe('forbidden')
    expect(error?.message).toBe(
      'Conversation `c1` had its WhatsApp 24-hour window close at 2025-11-26 12:00Z, 24 hours after the customer\'s last message, so a free-text reply cannot be sent; only a structured template can. Send one with `huddle conversation reply c1 --template NAME --param name=value` (see `huddle template list`).',
    )
  })

  it('refuses free text when the customer never wrote', () => {
    expect(replyRefusal(draft(), conditions({ inboundTimes: [] }))?.message).toContain('has no WhatsApp 24-hour window open (the customer has not written)')
  })

  it('reopens when the customer writes again', () => {
    expect(replyRefusal(draft({ at: T0 + 30 * HOUR }), conditions({ inboundTimes: [T0, T0 + 29 * HOUR] }))).toBeNull()
  })

  it('judges a reply by the customer messages before it, not later ones', () => {
    // Written at +30h against a message of T0 (closed), although the customer wrote again at +31h.
    expect(replyRefusal(draft({ at: T0 + 30 * HOUR }), conditions({ inboundTimes: [T0, T0 + 31 * HOUR] }))?.code).toBe('forbidden')
  })

  it('allows a structured template outside the window', () => {
    expect(replyRefusal(draft({ at: T0 + 48 * HOUR, body: rendered, template: { name: 'order_shipped', params: { name: 'Ada', order: '#1' } } }), conditions())).toBeNull()
  })

  it('refuses a flexible template outside the window', () => {
    const body = renderTemplate(followUp, { name: 'Ada' })
    const error = replyRefusal(draft({ at: T0 + 48 * HOUR, body, template: { name: 'follow_up', params: { name: 'Ada' } } }), conditions())
    expect(error?.message).toContain('so flexible template `follow_up` cannot be sent; only a structured template can')
  })

  it('words the refusal at send time as a delivery reason', () => {
    expect(replyRefusal(draft({ at: T0 + 25 * HOUR }), conditions(), 'send')?.message).toBe(
      'the WhatsApp 24-hour window closed at 2025-11-26 12:00Z before this reply could be sent; only a structured template can be sent now',
    )
  })

  it('does not apply to SMS or chat', () => {
    expect(replyRefusal(draft({ channel: 'sms', at: T0 + 48 * HOUR }), conditions())).toBeNull()
    expect(replyRefusal(draft({ channel: 'chat', at: T0 + 48 * HOUR }), conditions())).toBeNull()
  })
})

describe('SMS consent', () => {
  it('refuses an SMS reply after the contact texted STOP, until START', () => {
    const error = replyRefusal(draft({ channel: 'sms', at: T0 + 2 * HOUR }), conditions({ consent: STOP }))
    expect(error?.code).toBe('forbidden')
    expect(error?.message).toBe(
      'The contact of conversation `c1` texted STOP at 2025-11-25 13:00Z, so SMS replies to them are refused until they text START. Add a note instead.',
    )
    expect(replyRefusal(draft({ channel: 'sms', at: T0 + 3 * HOUR }), conditions({ consent: { status: 'opted-in', at: T0 + 2 * HOUR, keyword: 'START' } }))).toBeNull()
  })

  it('lets a reply written before the opt-out through validation', () => {
    expect(replyRefusal(draft({ channel: 'sms', at: T0 + HOUR - 1 }), conditions({ consent: STOP }))).toBeNull()
  })

  it('refuses a template reply too', () => {
    const body = renderTemplate(smsThanks, { name: 'Ada' })
    expect(replyRefusal(draft({ channel: 'sms', body, template: { name: 'sms_thanks', params: { name: 'Ada' } }, at: T0 + 2 * HOUR }), conditions({ consent: STOP }))?.code).toBe('forbidden')
  })
})

describe('template use', () => {
  it.each<[string, Partial<ReplyDraft>, string]>([
    ['an unknown template', { template: { name: 'nope', params: {} } }, 'There is no template `nope`. List them with `huddle template list`.'],
    ['a template of another channel', { channel: 'sms' as Channel, template: { name: 'order_shipped', params: { name: 'A', order: '1' } } }, 'Template `order_shipped` is for whatsapp, but conversation `c1` is on sms. Pick a sms template.'],
    ['missing params', { body: rendered, template: { name: 'order_shipped', params: { name: 'Ada' } } }, 'Template `order_shipped` needs a value for order: give `--param order=…`.'],
    ['unknown params', { body: rendered, template: { name: 'order_shipped', params: { name: 'Ada', order: '#1', colour: 'red' } } }, 'Template `order_shipped` has no placeholder `colour`; its placeholders are name, order.'],
    ['edited structured text', { body: `${rendered} Sorry!`, template: { name: 'order_shipped', params: { name: 'Ada', order: '#1' } } }, 'Template `order_shipped` is structured: only its placeholders may change'],
  ])('refuses %s', (_what, overrides, message) => {
    const error = replyRefusal(draft(overrides), conditions())
    expect(error?.code).toBe('invalid')
    expect(error?.message).toContain(message)
  })

  it('allows an edited flexible template within the window', () => {
    expect(replyRefusal(draft({ body: 'Hi Ada, anything else?', template: { name: 'follow_up', params: { name: 'Ada' } } }), conditions())).toBeNull()
  })
})

describe('buildReply applies the rules locally', () => {
  const alice = makeUser('alice', 'basic', ['whatsapp', 'sms'])
  const sales: InboxAccess = { kind: 'shared', name: 'Sales', members: ['alice'] }
  const ctx = (now: number): ActionContext => ({ user: alice, inbox: sales, conversation: 'c1', state: NEW_STATE, stamp: stampAt(0), now, newId: 'r1' })

  it('refuses free text outside the window with the same message as the server', () => {
    const error = refusalOf(() => buildReply(ctx(T0 + 25 * HOUR), { body: 'Hello', channel: 'whatsapp', lastInbound: 'm1', conditions: conditions() }))
    expect(error.message).toBe(replyRefusal(draft({ at: T0 + 25 * HOUR }), conditions())?.message)
  })

  it('records the template and params of a template reply, keeping its text as rendered', () => {
    const message = buildReply(ctx(T0 + 48 * HOUR), {
      body: rendered,
      channel: 'whatsapp',
      lastInbound: 'm1',
      template: { name: 'order_shipped', params: { name: 'Ada', order: '#1' } },
      conditions: conditions(),
    })
    expect(message).toMatchObject({ id: 'r1', body: rendered, template: { name: 'order_shipped', params: { name: 'Ada', order: '#1' } } })
  })

  it('refuses an SMS reply to an opted-out contact', () => {
    expect(refusalOf(() => buildReply(ctx(T0 + 2 * HOUR), { body: 'Hi', channel: 'sms', lastInbound: 'm1', conditions: conditions({ consent: STOP }) })).code).toBe('forbidden')
  })
})

describe('the server’s update rules', () => {
  const alice = makeUser('alice', 'basic', ['whatsapp', 'sms'])
  const sales: InboxAccess = { kind: 'shared', name: 'Sales', members: ['alice'] }

  function problemsOf(channel: Channel, message: Record<string, unknown>, consent: Consent | null = null, now = T0 + 48 * HOUR): UpdateProblem[] {
    const server = new ConversationDoc(new Y.Doc())
    server.writeMeta({ id: 'c1', inbox: 'inbox/sales', channel, contact: '+447700900123', address: '+15550100' })
    server.appendMessage({ id: 'm1', direction: 'in', author: '+447700900123', body: 'Hi', at: T0 })
    if (consent) server.setConsent(consent)
    const client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server.doc))
    const before = Y.encodeStateVector(client)
    client.getArray('messages').push([{ id: 'r1', direction: 'out', author: 'alice', basis: { assignee: null, lastInbound: 'm1' }, ...message }])
    const changes = previewChanges(server.doc, Y.encodeStateAsUpdate(client, before))
    const ctx: UpdateContext = {
      doc: 'conversation',
      user: alice,
      inbox: sales,
      channel,
      now,
      replies: { conversation: 'c1', inboundTimes: server.inboundTimes(), consent: server.readConsent(), templates: TEMPLATES },
    }
    return updateProblems(changes, ctx)
  }

  it('refuses a free-text WhatsApp reply stamped outside the window', () => {
    expect(problemsOf('whatsapp', { body: 'Hello', at: T0 + 25 * HOUR })).toEqual([{ code: 'forbidden', message: expect.stringContaining('a free-text reply cannot be sent') }])
  })

  it('accepts a reply written offline while the window was open, however late it arrives', () => {
    expect(problemsOf('whatsapp', { body: 'Hello', at: T0 + 23 * HOUR })).toEqual([])
  })

  it('accepts a structured template reply outside the window and refuses one whose text was changed', () => {
    const template = { name: 'order_shipped', params: { name: 'Ada', order: '#1' } }
    expect(problemsOf('whatsapp', { body: rendered, at: T0 + 30 * HOUR, template })).toEqual([])
    expect(problemsOf('whatsapp', { body: 'Free text', at: T0 + 30 * HOUR, template })).toEqual([{ code: 'invalid', message: expect.stringContaining('is structured') }])
  })

  it('refuses an SMS reply to a contact who texted STOP', () => {
    expect(problemsOf('sms', { body: 'Hello', at: T0 + 2 * HOUR }, STOP)).toEqual([{ code: 'forbidden', message: expect.stringContaining('texted STOP') }])
  })

  it('refuses a malformed template record', () => {
    expect(problemsOf('sms', { body: 'Hello', at: T0 + 2 * HOUR, template: { name: 'x', params: { a: 1 } } })).toEqual([
      { code: 'invalid', message: 'message template must be `{name, params}` with text params' },
    ])
  })

  it('keeps the consent in the conversation’s meta valid', () => {
    const doc = new ConversationDoc(new Y.Doc())
    doc.writeMeta({ id: 'c1', inbox: 'inbox/sales', channel: 'sms', contact: '+1', address: '+2' })
    doc.setConsent(STOP)
    expect(conversationDocProblems(doc.doc)).toEqual([])
    expect(doc.readConsent()).toEqual(STOP)
    doc.meta.set('consent', { status: 'gone' })
    expect(conversationDocProblems(doc.doc)).toEqual(['meta field `consent` has a malformed value'])
  })
})
