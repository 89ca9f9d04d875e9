/**
 * SMS consent as the server keeps it, per organisation address and contact
 * (carriers keep opt-outs per sender number):
 *
 *   consent/<channel>/<address>/<contact> → Consent
 *
 * Written with the inbound plan of the message that changed it, before any
 * document; mirrored into conversations' `meta.consent` for clients.
 */
import type { Consent } from '../../core/consent.js'
import type { Channel } from '../../core/users.js'
import type { RecordOp, RecordStore } from '../store/record-store.js'

const PREFIX = 'consent/'

export function consentKey(channel: Channel, address: string, contact: string): string {
  return `${PREFIX}${channel}/${encodeURIComponent(address)}/${encodeURIComponent(contact.toLowerCase())}`
}

export async function readConsent(records: RecordStore, channel: Channel, address: string, contact: string): Promise<Consent | null> {
  return (await records.get<Consent>(consentKey(channel, address, contact))) ?? null
}

export function consentOp(channel: Channel, address: string, contact: string, consent: Consent): RecordOp {
  return { type: 'put', key: consentKey(channel, address, contact), value: consent }
}
