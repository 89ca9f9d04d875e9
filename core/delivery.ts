/**
 * Delivery status of replies. Statuses only move forward (a late `sent`
 * receipt never undoes `delivered`); `held` waits for its author to confirm
 * (back to `queued`) or discard.
 */

export const DELIVERY_STATUSES = ['queued', 'held', 'sent', 'delivered', 'failed', 'discarded'] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]

export type Delivery = {
  readonly status: DeliveryStatus
  readonly at: number
  readonly reason?: string
}

const RANK: Readonly<Record<DeliveryStatus, number>> = {
  held: 0,
  queued: 1,
  sent: 2,
  delivered: 3,
  failed: 3,
  discarded: 3,
}

export function isDeliveryStatus(value: unknown): value is DeliveryStatus {
  return typeof value === 'string' && (DELIVERY_STATUSES as readonly string[]).includes(value)
}

/** Whether a message may move from `from` to `to`. */
export function canAdvance(from: DeliveryStatus | undefined, to: DeliveryStatus): boolean {
  if (from === undefined) return true
  if (RANK[from] === 3) return false
  return RANK[to] > RANK[from]
}
