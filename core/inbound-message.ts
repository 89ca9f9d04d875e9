/**
 * A customer message as it enters the server, from a carrier webhook, the
 * JSON endpoint, the CLI or the chat widget: parsed once, with every problem
 * reported together. SMS and WhatsApp senders are phone numbers, kept in
 * E.164 (phone-number.ts).
 */
import { assertNoProblems } from './errors.js'
import { MAX_BODY } from './message.js'
import { nameProblems, withoutRefusedCharacters } from './names.js'
import { hasPhoneContacts, readPhoneNumber } from './phone-number.js'
import { MAX_ADDRESS_LENGTH, normaliseAddress } from './routing-policy.js'
import { CHANNELS, isChannel, type Channel } from './users.js'

export type InboundInput = {
  readonly channel: Channel
  /** The contact's address, normalised (no `whatsapp:` prefix; a phone number in E.164). */
  readonly from: string
  /** The organisation's address it arrived on, normalised. */
  readonly to: string
  readonly body: string
  /** The carrier's id of the message (MessageSid); the same id is stored once. */
  readonly externalId: string | null
  /** The contact's name, when the carrier knows it (WhatsApp ProfileName). */
  readonly contactName: string | null
  /** Why the message is kept as unrouted instead of routed (a carrier's sender that is not a phone number); absent when it routes. */
  readonly unroutable?: string
}

/**
 * Who hands the message over. A `request` (the JSON endpoint, the CLI) is
 * refused when its sender is not a phone number or its contact name holds
 * control characters: whoever sent it can fix it. A `relay` (a carrier, the
 * chat service passing on what it stored) cannot, and a carrier would retry
 * a refusal forever: its message is kept unrouted with the reason, and
 * control characters are dropped from the name.
 */
export type InboundSource = 'request' | 'relay'

const MAX_CONTACT = 128
const MAX_EXTERNAL_ID = 64
const MAX_CONTACT_NAME = 80

/** Parses the fields of an inbound message (`channel, from, to, body, id?, name?`). */
export function parseInbound(fields: Readonly<Record<string, unknown>>, source: InboundSource): InboundInput {
  const { channel, from, to, body, id, name } = fields
  const problems: string[] = []
  const knownChannel = isChannel(channel) ? channel : undefined
  if (knownChannel === undefined) problems.push(`Channel \`${String(channel)}\` is not one of ${CHANNELS.join(', ')}.`)
  let contact = typeof from === 'string' ? normaliseAddress(from) : ''
  let unroutable: string | undefined
  const senderProblem = `Sender \`${String(from).slice(0, MAX_CONTACT)}\` is not valid: give the contact's address (1–${MAX_CONTACT} characters), e.g. \`+447700900123\`.`
  // A message without any sender is malformed whoever sends it; one from a sender that is not a number is not.
  if (contact.length === 0) problems.push(senderProblem)
  else if (knownChannel !== undefined && hasPhoneContacts(knownChannel)) {
    const number = readPhoneNumber(contact, 'Sender')
    if (number.kind === 'number') contact = number.e164
    else if (source === 'request') problems.push(number.reason)
    else {
      unroutable = number.reason
      contact = withoutRefusedCharacters(contact).slice(0, MAX_CONTACT)
    }
  } else if (contact.length > MAX_CONTACT) problems.push(senderProblem)
  const address = typeof to === 'string' ? normaliseAddress(to) : ''
  if (address.length === 0 || address.length > MAX_ADDRESS_LENGTH || /\s/.test(address))
    problems.push(`Recipient \`${String(to)}\` is not valid: give the organisation's address the message arrived on (1–${MAX_ADDRESS_LENGTH} characters, no spaces).`)
  if (typeof body !== 'string' || body.trim().length === 0 || body.length > MAX_BODY)
    problems.push(`The message body must be 1–${MAX_BODY} characters${typeof body === 'string' ? `; it has ${body.trim().length}` : ''}.`)
  if (id !== undefined && id !== null && (typeof id !== 'string' || id.length === 0 || id.length > MAX_EXTERNAL_ID))
    problems.push(`Message id \`${String(id)}\` is not valid: give the carrier's id, 1–${MAX_EXTERNAL_ID} characters, or leave it out.`)
  const contactName = typeof name === 'string' ? name.trim() : ''
  if (name !== undefined && name !== null && typeof name !== 'string') problems.push('The contact name must be text.')
  // Longer names are cut to MAX_CONTACT_NAME, as before: only the part kept is checked.
  else if (contactName !== '' && source === 'request')
    problems.push(...nameProblems(contactName.slice(0, MAX_CONTACT_NAME), 'Contact name', MAX_CONTACT_NAME, '`--name "Ann Lee"`'))
  assertNoProblems(problems, 'The inbound message was not accepted:')
  const safeName = withoutRefusedCharacters(contactName).trim().slice(0, MAX_CONTACT_NAME)
  return {
    channel: knownChannel!,
    from: contact,
    to: address,
    body: String(body),
    externalId: typeof id === 'string' ? id : null,
    contactName: safeName === '' ? null : safeName,
    ...(unroutable === undefined ? {} : { unroutable }),
  }
}
