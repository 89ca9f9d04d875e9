import { describe, expect, it } from 'vitest'
import { AckTracker, type PendingAction } from '../../../cli/client/ack-tracker.js'
import { MemoryReplicaStore } from '../../../cli/client/memory-replica-store.js'

const action = (id: string, marks: PendingAction['marks']): PendingAction => ({ id, kind: 'claim', conversation: 'c-1', at: 1, marks })

describe('the acknowledgement tracker', () => {
  it('counts an action as waiting until an ack reaches its clock', async () => {
    const tracker = await AckTracker.load(new MemoryReplicaStore())
    tracker.record(action('a', [{ doc: 'inbox/sales', client: 7, clock: 3 }]))
    expect(tracker.merge('inbox/sales', new Map([[7, 2]]))).toEqual([])
    expect(tracker.count()).toBe(1)
    expect(tracker.merge('inbox/other', new Map([[7, 9]]))).toEqual([])
    expect(tracker.merge('inbox/sales', new Map([[7, 3]])).map((a) => a.id)).toEqual(['a'])
    expect(tracker.count()).toBe(0)
  })

  it('waits for every document an action changed', async () => {
    const tracker = await AckTracker.load(new MemoryReplicaStore())
    tracker.record(action('a', [{ doc: 'inbox/sales', client: 7, clock: 1 }, { doc: 'conversation/c-1', client: 8, clock: 1 }]))
    tracker.merge('inbox/sales', new Map([[7, 1]]))
    expect(tracker.isPending('a')).toBe(true)
    tracker.merge('conversation/c-1', new Map([[8, 1]]))
    expect(tracker.isPending('a')).toBe(false)
  })

  it('keeps waiting actions and partial acknowledgements across a restart', async () => {
    const store = new MemoryReplicaStore()
    const tracker = await AckTracker.load(store)
    tracker.record(action('a', [{ doc: 'inbox/sales', client: 7, clock: 1 }, { doc: 'conversation/c-1', client: 8, clock: 1 }]))
    tracker.record(action('b', [{ doc: 'inbox/sales', client: 7, clock: 2 }]))
    tracker.merge('inbox/sales', new Map([[7, 1]]))
    const reloaded = await AckTracker.load(store)
    expect(reloaded.count()).toBe(2)
    expect(reloaded.merge('conversation/c-1', new Map([[8, 1]])).map((a) => a.id)).toEqual(['a'])
  })

  it('resolves waiters when their action is acknowledged or its document dropped', async () => {
    const tracker = await AckTracker.load(new MemoryReplicaStore())
    tracker.record(action('a', [{ doc: 'inbox/sales', client: 7, clock: 1 }]))
    tracker.record(action('b', [{ doc: 'conversation/c-2', client: 9, clock: 1 }]))
    const settled: string[] = []
    void tracker.whenAcked('a').then(() => settled.push('a'))
    void tracker.whenAcked('b').then(() => settled.push('b'))
    tracker.merge('inbox/sales', new Map([[7, 5]]))
    expect(tracker.dropDoc('conversation/c-2').map((a) => a.id)).toEqual(['b'])
    await Promise.resolve()
    expect(settled.sort()).toEqual(['a', 'b'])
  })
})
