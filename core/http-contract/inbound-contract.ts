/**
 * The HTTP contract of `/api/v1/inbound`, `/api/v1/routing/test` and
 * `/api/v1/routing/unrouted`: the message bodies the server takes, parsed
 * into an InboundInput, and the answers it gives, read back by the CLI.
 */
import { parseInbound, type InboundInput } from '../inbound-message.js'
import type { PlainValue } from '../plain-value.js'
import { isChannel, type Channel } from '../users.js'
import { answerFields, answerList, answerNumber, answerText, misunderstood, nullableAnswerText, optionalAnswerText } from './answer-fields.js'
import { fieldsOf } from './request-fields.js'

/** What the sender of a message is told: where it went. */
export type InboundResult = {
  readonly conversation: string | null
  /** The inbox id, `@user` for a personal inbox, or null when unrouted. */
  readonly inbox: string | null
  /** `rule N`, `default`, `existing` or `unrouted`. */
  readonly routed: string
}

/** A message kept because nothing routed it, listed for admins. */
export type UnroutedMessage = {
  readonly id: string
  readonly channel: Channel
  readonly from: string
  readonly to: string
  readonly body: string
  readonly contactName: string | null
  readonly externalId: string | null
  readonly receivedAt: number
  readonly reason: string
}

/** The body of `POST /api/v1/inbound`: `{channel, from, to, body, id?, name?}`. */
export function parseInboundBody(body: PlainValue): InboundInput {
  return parseInbound(fieldsOf(body, ['channel', 'from', 'to', 'body', 'id', 'name']), 'request')
}

/** The body of `POST /api/v1/routing/test`: `{channel, from, to, body}`. */
export function parseRouteTestBody(body: PlainValue): InboundInput {
  return parseInbound(fieldsOf(body, ['channel', 'from', 'to', 'body']), 'request')
}

export function readInbound(value: unknown): InboundResult {
  const r = answerFields(value, 'inbound')
  return { conversation: nullableAnswerText(r, 'conversation', 'inbound'), inbox: nullableAnswerText(r, 'inbox', 'inbound'), routed: answerText(r, 'routed', 'inbound') }
}

export function readUnrouted(value: unknown): UnroutedMessage[] {
  return answerList(value, 'unrouted messages').map((item) => {
    const what = 'unrouted message'
    const r = answerFields(item, what)
    const channel = answerText(r, 'channel', what)
    if (!isChannel(channel)) throw misunderstood(what, `channel \`${channel}\` is not one it knows`)
    return {
      id: answerText(r, 'id', what),
      channel,
      from: answerText(r, 'from', what),
      to: answerText(r, 'to', what),
      body: optionalAnswerText(r, 'body', what) ?? '',
      contactName: nullableAnswerText(r, 'contactName', what),
      externalId: nullableAnswerText(r, 'externalId', what),
      receivedAt: answerNumber(r, 'receivedAt', what),
      reason: optionalAnswerText(r, 'reason', what) ?? '',
    }
  })
}
