/**
 * Phone numbers of SMS and WhatsApp contacts, read as carriers send them and
 * kept in E.164 (`+447700900123`), so one contact written two ways is one
 * contact. A number is accepted when it has a length some numbering plan of
 * its country allows (libphonenumber's "possible"), not only when it is
 * assigned today: fictional and test ranges (`+1 555…`, `+44 7700 900…`)
 * and ranges newer than the library's data go through like real ones.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js'
import { visibleText } from './names.js'
import type { Channel } from './users.js'

export type PhoneNumberReading = { readonly kind: 'number'; readonly e164: string } | { readonly kind: 'refused'; readonly reason: string }

/** What a written number may hold: a leading `+` and digits, with spaces, dots, dashes and brackets between them. */
const WRITTEN_NUMBER = /^\+[0-9][0-9 ().-]*$/

/** Reads a contact's phone number; `what` names it in the reason ("Sender"). */
export function readPhoneNumber(text: string, what: string): PhoneNumberReading {
  const written = text.trim()
  const quoted = `${what} \`${visibleText(written.slice(0, 64))}${written.length > 64 ? '…' : ''}\``
  if (!WRITTEN_NUMBER.test(written))
    return {
      kind: 'refused',
      reason: `${quoted} is not a phone number: give it in international form, a \`+\` and the country code, then digits (spaces, dashes and brackets allowed), e.g. \`+44 7700 900123\`.`,
    }
  const parsed = parsePhoneNumberFromString(written)
  if (parsed === undefined || !parsed.isPossible())
    return {
      kind: 'refused',
      reason: `${quoted} is not a phone number: no country's numbering plan has numbers of that length after that country code. Check the country code and the digits, e.g. \`+44 7700 900123\`.`,
    }
  return { kind: 'number', e164: parsed.number }
}

/** Whether a channel's contacts are phone numbers (SMS, WhatsApp) rather than widget visitors. */
export function hasPhoneContacts(channel: Channel): boolean {
  return channel === 'sms' || channel === 'whatsapp'
}
