/** Carrier status receipts (`MessageStatus`) in terms of huddle's delivery statuses. */
import type { DeliveryStatus } from '../../core/delivery.js'
import { HuddleError } from '../../core/errors.js'

const STATUSES: Readonly<Record<string, DeliveryStatus | null>> = {
  // Steps before the carrier hands the message on: nothing new to record.
  accepted: null,
  scheduled: null,
  queued: null,
  sending: null,
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  failed: 'failed',
  undelivered: 'failed',
  canceled: 'failed',
}

/** The delivery status a receipt reports, null when it reports nothing new; throws for an unknown status. */
export function deliveryOfCarrierStatus(status: string): DeliveryStatus | null {
  const known = STATUSES[status.toLowerCase()]
  if (known === undefined)
    throw new HuddleError(
      'invalid',
      `Message status \`${status}\` is not known: send one of ${Object.keys(STATUSES).join(', ')}.`,
    )
  return known
}
