/**
 * A customer message as it enters the server, from a carrier webhook, the
 * JSON endpoint or the CLI: parsed once, with every problem reported together.
 */
import { assertNoProblems } from '../../core/errors.js'
import { MAX_BODY } from '../../core/message.js'
import { MAX_ADDRESS_LENGTH, normaliseAddress } from '../../core/routing-policy.js'
import { CHANNELS, isChannel, type Channel } from '../../core/users.js'

export type InboundInput = {
  readonly channel: Channel
  /** The contact's address, normalised (no `whatsapp:` prefix). */
  readonly from: string
  /** The organisation's address it arrived on, normalised. */
  readonly to: string
  readonly body: string
  /** The carrier's id of the message (MessageSid); the same id is stored once. */
  readonly externalId: string | null
  /** The contact's name, when the carrier knows it (WhatsApp ProfileName). */
  readonly contactName: string | null
}

const MAX_CONTACT = 128
const MAX_EXTERNAL_ID = 64
const MAX_CONTACT_NAME = 80

/** Parses the fields of an inbound message (`channel, from, to, body, id?, name?`). */
export function parseInbound(fields: Readonly<Record<string, unknown>>): InboundInput {
  const { channel, from, to, body, id, name } = fields
  const problems: string[] = []
  if (!isChannel(channel)) problems.push(`Channel \`${String(channel)}\` is not one of ${CHANNELS.join(', ')}.`)
  const contact = typeof from === 'string' ? normaliseAddress(from) : ''
  if (contact.length === 0 || contact.length > MAX_CONTACT)
    problems.push(`Sender \`${String(from)}\` is not valid: give the contact's address (1–${MAX_CONTACT} characters), e.g. \`+447700900123\`.`)
  const address = typeof to === 'string' ? normaliseAddress(to) : ''
  if (address.length === 0 || address.length > MAX_ADDRESS_LENGTH || /\s/.test(address))
    problems.push(`Recipient \`${String(to)}\` is not valid: give the organisation's address the message arrived on (1–${MAX_ADDRESS_LENGTH} characters, no spaces).`)
  if (typeof body !== 'string' || body.trim().length === 0 || body.length > MAX_BODY)
    problems.push(`The message body must be 1–${MAX_BODY} characters${typeof body === 'string' ? `; it has ${body.trim().length}` : ''}.`)
  if (id !== undefined && id !== null && (typeof id !== 'string' || id.length === 0 || id.length > MAX_EXTERNAL_ID))
    problems.push(`Message id \`${String(id)}\` is not valid: give the carrier's id, 1–${MAX_EXTERNAL_ID} characters, or leave it out.`)
  if (name !== undefined && name !== null && typeof name !== 'string') problems.push('The contact name must be text.')
  assertNoProblems(problems, 'The inbound message was not accepted:')
  const contactName = typeof name === 'string' && name.trim().length > 0 ? name.trim().slice(0, MAX_CONTACT_NAME) : null
  return {
    channel: channel as Channel,
    from: contact,
    to: address,
    body: body as string,
    externalId: typeof id === 'string' ? id : null,
    contactName,
  }
}
