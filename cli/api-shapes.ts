/**
 * The server's answers, read once from `unknown` into the shapes the commands
 * print. A missing field means the server speaks another version of the API.
 */
import { HuddleError } from '../core/errors.js'
import { HUDDLE_VERSION } from '../core/wire.js'

export type UserView = { readonly id: string; readonly name: string; readonly permission: string; readonly licences: readonly string[] }
export type UserWithToken = UserView & { readonly token: string }
export type InboxView = {
  readonly id: string
  readonly name: string
  readonly description: string
  readonly reopenArchived: boolean
  readonly members: readonly string[]
}
export type InboxDetails = InboxView & { readonly counts: { readonly open: number; readonly archived: number } }
export type MembersChange = { readonly members: readonly UserView[]; readonly added: readonly string[]; readonly removed: readonly string[] }
export type RuleView = {
  /** The server's sentence for the rule, naming inboxes by name. */
  readonly description?: string
  readonly conditions: { readonly channel?: string; readonly from?: string; readonly keyword?: string; readonly hours?: string }
  readonly target: { readonly kind: 'inbox'; readonly inbox: string } | { readonly kind: 'user'; readonly user: string }
}
export type PolicyView = { readonly id: string; readonly addresses: readonly string[]; readonly rules: readonly RuleView[]; readonly defaultInbox: string | null }
export type RouteTestView = { readonly routed: string; readonly inbox: string | null; readonly rule?: number; readonly description: string }
export type InboundView = { readonly conversation: string | null; readonly inbox: string | null; readonly routed: string }

type Fields = Readonly<Record<string, unknown>>

function misunderstood(what: string, detail: string): HuddleError {
  return new HuddleError(
    'unsupported-version',
    `The server's answer (${what}) is not one huddle ${HUDDLE_VERSION} understands: ${detail}. Check that the server runs the same huddle version.`,
  )
}

function fields(value: unknown, what: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw misunderstood(what, 'not an object')
  return value as Fields
}

function list(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value)) throw misunderstood(what, 'not a list')
  return value
}

function text(record: Fields, key: string, what: string): string {
  const value = record[key]
  if (typeof value !== 'string') throw misunderstood(what, `\`${key}\` is missing`)
  return value
}

function optionalText(record: Fields, key: string, what: string): string | undefined {
  const value = record[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw misunderstood(what, `\`${key}\` is not text`)
  return value
}

function nullableText(record: Fields, key: string, what: string): string | null {
  return optionalText(record, key, what) ?? null
}

function texts(record: Fields, key: string, what: string): string[] {
  return list(record[key] ?? [], `${what} ${key}`).map((v) => {
    // Member lists may hold users rather than ids.
    if (typeof v === 'object' && v !== null && typeof (v as Fields).id === 'string') return (v as Fields).id as string
    if (typeof v !== 'string') throw misunderstood(what, `\`${key}\` holds something that is not text`)
    return v
  })
}

function count(record: Fields, key: string, what: string): number {
  const value = record[key]
  if (typeof value !== 'number') throw misunderstood(what, `\`${key}\` is missing`)
  return value
}

export function readUser(value: unknown): UserView {
  const r = fields(value, 'user')
  return { id: text(r, 'id', 'user'), name: text(r, 'name', 'user'), permission: text(r, 'permission', 'user'), licences: texts(r, 'licences', 'user') }
}

export function readUsers(value: unknown): UserView[] {
  return list(value, 'users').map(readUser)
}

export function readUserWithToken(value: unknown): UserWithToken {
  return { ...readUser(value), token: text(fields(value, 'user'), 'token', 'user') }
}

export function readInbox(value: unknown): InboxView {
  const r = fields(value, 'inbox')
  return {
    id: text(r, 'id', 'inbox'),
    name: text(r, 'name', 'inbox'),
    description: optionalText(r, 'description', 'inbox') ?? '',
    reopenArchived: r.reopenArchived === true,
    members: texts(r, 'members', 'inbox'),
  }
}

export function readInboxes(value: unknown): InboxView[] {
  return list(value, 'inboxes').map(readInbox)
}

export function readInboxDetails(value: unknown): InboxDetails {
  const counts = fields(fields(value, 'inbox').counts, 'inbox counts')
  return { ...readInbox(value), counts: { open: count(counts, 'open', 'inbox counts'), archived: count(counts, 'archived', 'inbox counts') } }
}

export function readMembersChange(value: unknown): MembersChange {
  const r = fields(value, 'members change')
  return { members: readUsers(r.members), added: texts(r, 'added', 'members change'), removed: texts(r, 'removed', 'members change') }
}

function readRule(value: unknown): RuleView {
  const r = fields(value, 'routing rule')
  const c = fields(r.conditions ?? {}, 'routing rule conditions')
  const t = fields(r.target, 'routing rule target')
  const conditions = {
    ...(optionalText(c, 'channel', 'rule') === undefined ? {} : { channel: c.channel as string }),
    ...(optionalText(c, 'from', 'rule') === undefined ? {} : { from: c.from as string }),
    ...(optionalText(c, 'keyword', 'rule') === undefined ? {} : { keyword: c.keyword as string }),
    ...(c.hours === undefined || c.hours === null ? {} : { hours: typeof c.hours === 'string' ? c.hours : JSON.stringify(c.hours) }),
  }
  const target = t.kind === 'user' ? { kind: 'user' as const, user: text(t, 'user', 'rule target') } : { kind: 'inbox' as const, inbox: text(t, 'inbox', 'rule target') }
  const description = optionalText(r, 'description', 'rule')
  return { ...(description === undefined ? {} : { description }), conditions, target }
}

export function readPolicy(value: unknown): PolicyView {
  const r = fields(value, 'routing policy')
  return {
    id: text(r, 'id', 'routing policy'),
    addresses: texts(r, 'addresses', 'routing policy'),
    rules: list(r.rules ?? [], 'routing rules').map(readRule),
    defaultInbox: nullableText(r, 'defaultInbox', 'routing policy'),
  }
}

export function readPolicies(value: unknown): PolicyView[] {
  return list(value, 'routing policies').map(readPolicy)
}

export function readRouteTest(value: unknown): RouteTestView {
  const r = fields(value, 'routing test')
  const rule = r.rule
  return {
    routed: text(r, 'routed', 'routing test'),
    inbox: nullableText(r, 'inbox', 'routing test'),
    ...(typeof rule === 'number' ? { rule } : {}),
    description: optionalText(r, 'description', 'routing test') ?? '',
  }
}

export function readInbound(value: unknown): InboundView {
  const r = fields(value, 'inbound')
  return { conversation: nullableText(r, 'conversation', 'inbound'), inbox: nullableText(r, 'inbox', 'inbound'), routed: text(r, 'routed', 'inbound') }
}

/** The id of `{removed: id}`. */
export function readRemoved(value: unknown): string {
  return text(fields(value, 'removal'), 'removed', 'removal')
}

export type UnroutedView = {
  readonly receivedAt: number | null
  readonly channel: string
  readonly from: string
  readonly to: string
  readonly contactName: string | null
  readonly body: string
  readonly reason: string
}

function time(record: Fields, key: string): number | null {
  const value = record[key]
  return typeof value === 'number' ? value : null
}

export function readUnrouted(value: unknown): UnroutedView[] {
  return list(value, 'unrouted messages').map((item) => {
    const r = fields(item, 'unrouted message')
    const what = 'unrouted message'
    return {
      receivedAt: time(r, 'receivedAt'),
      channel: text(r, 'channel', what),
      from: text(r, 'from', what),
      to: text(r, 'to', what),
      contactName: nullableText(r, 'contactName', what),
      body: optionalText(r, 'body', what) ?? '',
      reason: optionalText(r, 'reason', what) ?? '',
    }
  })
}

export type OutboxView = {
  readonly at: number | null
  readonly id: string
  readonly status: string
  readonly channel: string
  readonly to: string
  readonly author: string
  readonly body: string
  readonly reason: string | null
}

export function readOutbox(value: unknown): OutboxView[] {
  return list(value, 'outbox').map((item) => {
    const r = fields(item, 'outbox entry')
    const what = 'outbox entry'
    return {
      at: time(r, 'at'),
      id: text(r, 'id', what),
      status: text(r, 'status', what),
      channel: text(r, 'channel', what),
      to: text(r, 'to', what),
      author: optionalText(r, 'author', what) ?? '',
      body: optionalText(r, 'body', what) ?? '',
      reason: nullableText(r, 'reason', what),
    }
  })
}
