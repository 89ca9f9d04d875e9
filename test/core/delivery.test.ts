import { describe, expect, it } from 'vitest'
import { canAdvance, DELIVERY_STATUSES, isDeliveryStatus, type DeliveryStatus } from '../../core/delivery.js'

describe('delivery status', () => {
  const forward: [DeliveryStatus | undefined, DeliveryStatus][] = [
    [undefined, 'queued'],
    [undefined, 'held'],
    [undefined, 'delivered'],
    ['held', 'queued'],
    ['held', 'discarded'],
    ['queued', 'sent'],
    ['queued', 'failed'],
    ['sent', 'delivered'],
    ['sent', 'failed'],
  ]
  it.each(forward)('moves forward from %s to %s', (from, to) => {
    expect(canAdvance(from, to)).toBe(true)
  })

  const backward: [DeliveryStatus, DeliveryStatus][] = [
    ['queued', 'held'],
    ['queued', 'queued'],
    ['sent', 'queued'],
    ['sent', 'sent'],
    ['delivered', 'sent'],
    ['delivered', 'failed'],
    ['failed', 'delivered'],
    ['failed', 'queued'],
    ['discarded', 'queued'],
    ['delivered', 'delivered'],
  ]
  it.each(backward)('never moves from %s to %s', (from, to) => {
    expect(canAdvance(from, to)).toBe(false)
  })

  it('never leaves a final status, whatever arrives late', () => {
    for (const from of ['delivered', 'failed', 'discarded'] as const)
      for (const to of DELIVERY_STATUSES) expect([from, to, canAdvance(from, to)]).toEqual([from, to, false])
  })

  it('reaches the same final status whatever order receipts arrive in', () => {
    const receipts: DeliveryStatus[] = ['queued', 'sent', 'delivered']
    const orders = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ]
    for (const order of orders) {
      let status: DeliveryStatus | undefined
      for (const i of order) if (canAdvance(status, receipts[i]!)) status = receipts[i]
      expect(status).toBe('delivered')
    }
  })

  it('knows its statuses', () => {
    expect(DELIVERY_STATUSES).toEqual(['queued', 'held', 'sent', 'delivered', 'failed', 'discarded'])
    expect(isDeliveryStatus('sent')).toBe(true)
    expect(isDeliveryStatus('read')).toBe(false)
  })
})
