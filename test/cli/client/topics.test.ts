import { describe, expect, it, vi } from 'vitest'
import { Topics } from '../../../cli/client/topics.js'

describe('batched topics', () => {
  it('calls a new subscriber once with the current value', async () => {
    vi.useFakeTimers()
    try {
      const topics = new Topics(10)
      const seen: number[] = []
      topics.subscribe('a', () => 1, (v) => seen.push(v))
      vi.advanceTimersByTime(10)
      expect(seen).toEqual([1])
    } finally {
      vi.useRealTimers()
    }
  })

  it('turns a burst of changes into one notification, computed once for every listener', () => {
    vi.useFakeTimers()
    try {
      const topics = new Topics(10)
      let value = 0
      const compute = vi.fn(() => value)
      const first: number[] = []
      const second: number[] = []
      topics.subscribe('inbox:sales', compute, (v) => first.push(v))
      topics.subscribe('inbox:sales', compute, (v) => second.push(v))
      vi.advanceTimersByTime(10)
      compute.mockClear()
      for (value = 1; value <= 100; value++) topics.touch('inbox:sales')
      vi.advanceTimersByTime(10)
      expect(first).toEqual([0, 101])
      expect(second).toEqual([0, 101])
      expect(compute).toHaveBeenCalledTimes(1)
    } finally {
      vi.useRealTimers()
    }
  })

  it('notifies only the topics touched, by key or prefix, and none after unsubscribing', () => {
    vi.useFakeTimers()
    try {
      const topics = new Topics(10)
      const seen: string[] = []
      topics.subscribe('conversation:c-1', () => 'c1', (v) => seen.push(v))
      const stop = topics.subscribe('conversation:c-2', () => 'c2', (v) => seen.push(v))
      topics.subscribe('notices', () => 'n', (v) => seen.push(v))
      vi.advanceTimersByTime(10)
      seen.length = 0
      topics.touch('conversation:', true)
      vi.advanceTimersByTime(10)
      expect(seen.sort()).toEqual(['c1', 'c2'])
      seen.length = 0
      stop()
      topics.touch('conversation:c-2')
      vi.advanceTimersByTime(10)
      expect(seen).toEqual([])
    } finally {
      vi.useRealTimers()
    }
  })
})
