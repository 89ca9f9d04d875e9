/**
 * The default outbound adapter: instead of calling a carrier, it records each
 * reply in an outbox with a carrier-like id (`SM` + 32 hex digits), listed by
 * `GET /api/v1/outbox`. Status receipts for those ids move entries forward.
 *
 *   outbox/<SM…> → OutboxEntry
 */
import { canAdvance, type DeliveryStatus } from '../../core/delivery.js'
import type { OutboxEntry } from '../../core/http-contract/outbox-contract.js'
import { randomHex } from '../auth/random-id.js'
import type { RecordStore } from '../store/record-store.js'
import type { OutboundAdapter, OutgoingMessage } from './outbound-adapter.js'

const PREFIX = 'outbox/'


export class Outbox implements OutboundAdapter {
  constructor(
    private readonly records: RecordStore,
    private readonly now: () => number = Date.now,
  ) {}

  async send(message: OutgoingMessage): Promise<{ externalId: string }> {
    const id = `SM${randomHex(16)}`
    const entry: OutboxEntry = { ...message, id, at: this.now(), status: 'sent' }
    await this.records.batch([{ type: 'put', key: PREFIX + id, value: entry }])
    return { externalId: id }
  }

  /** Every recorded send, oldest first. */
  async list(): Promise<OutboxEntry[]> {
    const entries = (await this.records.list<OutboxEntry>(PREFIX)).map((r) => r.value)
    return entries.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1))
  }

  /** Moves an entry forward after a status receipt; ignores ids it did not send. */
  async markStatus(id: string, status: DeliveryStatus, reason?: string): Promise<void> {
    const entry = await this.records.get<OutboxEntry>(PREFIX + id)
    if (!entry || !canAdvance(entry.status, status)) return
    const next: OutboxEntry = { ...entry, status, ...(reason === undefined ? {} : { reason }) }
    await this.records.batch([{ type: 'put', key: PREFIX + id, value: next }])
  }
}
