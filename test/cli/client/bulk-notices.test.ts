import { describe, expect, it } from 'vitest'
import type { BulkClaim } from '../../../cli/client/bulk-log.js'
import { bulkNoticeKey, groupBulkClaims } from '../../../cli/client/bulk-notices.js'
import type { Notice } from '../../../cli/client/merge-notices.js'

const lost = (event: string, conversation: string, winner: string, at: number): Notice => ({ kind: 'lost-claim', key: `lost:${event}`, conversation, inbox: 'inbox/sales', winner, wonAt: at - 1, at })

const claim: BulkClaim = {
  id: 'b-1',
  at: 100,
  parts: [
    { conversation: 'c-1', event: 'e1', action: 'a-1' },
    { conversation: 'c-2', event: 'e2', action: 'a-2' },
    { conversation: 'c-3', event: 'e3', action: 'a-3' },
  ],
}

const mention: Notice = { kind: 'mention', key: 'mention:n1', conversation: 'c-9', author: 'bob', body: '@alice look', at: 50 }

describe('the notice of a bulk claim', () => {
  it('holds the lost claims back while any claim of the bulk waits for the server', () => {
    const grouped = groupBulkClaims([lost('e1', 'c-1', 'bob', 110), mention], [claim], (action) => action === 'a-3')
    expect(grouped.notices).toEqual([mention])
    expect(grouped.settled).toEqual([])
  })

  it('tells the lost claims as one notice, with the total and who won each, once all are acknowledged', () => {
    const grouped = groupBulkClaims([lost('e3', 'c-3', 'eve', 120), mention, lost('e1', 'c-1', 'bob', 110)], [claim], () => false)
    expect(grouped.notices).toEqual([
      mention,
      {
        kind: 'bulk-claim',
        key: bulkNoticeKey('b-1'),
        total: 3,
        lost: [
          { conversation: 'c-3', winner: 'eve' },
          { conversation: 'c-1', winner: 'bob' },
        ],
        covers: ['lost:e3', 'lost:e1'],
        at: 120,
      },
    ])
  })

  it('leaves a lost claim of no bulk claim as it is', () => {
    const alone = lost('e7', 'c-7', 'bob', 130)
    expect(groupBulkClaims([alone], [claim], () => false).notices).toEqual([alone])
  })

  it('names a bulk claim settled with nothing lost, so it can be forgotten', () => {
    const grouped = groupBulkClaims([mention], [claim], () => false)
    expect(grouped).toEqual({ notices: [mention], settled: ['b-1'] })
  })
})
