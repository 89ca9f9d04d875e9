/** The HTTP contract of `GET /api/v1/outbox`: the replies handed to the channels, as the server answers them and the CLI reads them. */
import { isDeliveryStatus, type DeliveryStatus } from '../delivery.js'
import { isChannel, type Channel } from '../users.js'
import { answerFields, answerList, answerNumber, answerText, misunderstood, optionalAnswerText } from './answer-fields.js'

/** A reply recorded in the outbox, with its carrier-like id (`SM…`) and delivery status. */
export type OutboxEntry = {
  readonly id: string
  readonly conversation: string
  readonly messageId: string
  readonly channel: Channel
  /** The organisation's address the conversation came in on. */
  readonly from: string
  /** The contact's address. */
  readonly to: string
  readonly body: string
  readonly author: string
  readonly at: number
  readonly status: DeliveryStatus
  readonly reason?: string
}

export function readOutbox(value: unknown): OutboxEntry[] {
  return answerList(value, 'outbox').map((item) => {
    const what = 'outbox entry'
    const r = answerFields(item, what)
    const channel = answerText(r, 'channel', what)
    const status = answerText(r, 'status', what)
    if (!isChannel(channel)) throw misunderstood(what, `channel \`${channel}\` is not one it knows`)
    if (!isDeliveryStatus(status)) throw misunderstood(what, `status \`${status}\` is not one it knows`)
    const reason = optionalAnswerText(r, 'reason', what)
    return {
      id: answerText(r, 'id', what),
      conversation: answerText(r, 'conversation', what),
      messageId: answerText(r, 'messageId', what),
      channel,
      from: answerText(r, 'from', what),
      to: answerText(r, 'to', what),
      body: optionalAnswerText(r, 'body', what) ?? '',
      author: optionalAnswerText(r, 'author', what) ?? '',
      at: answerNumber(r, 'at', what),
      status,
      ...(reason === undefined ? {} : { reason }),
    }
  })
}
