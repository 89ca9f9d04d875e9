import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../core/seeded-random.js'

describe('seededRandom', () => {
  it('gives the same numbers from the same seed, in [0, 1), and others from another seed', () => {
    const take = (seed: number): number[] => {
      const random = seededRandom(seed)
      return Array.from({ length: 1000 }, () => random())
    }
    const first = take(20251125)
    expect(take(20251125)).toEqual(first)
    expect(take(20251126)).not.toEqual(first)
    expect(first.every((n) => n >= 0 && n < 1)).toBe(true)
    expect(new Set(first).size).toBe(first.length)
  })
})
