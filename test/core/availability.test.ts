import { describe, expect, it } from 'vitest'
import {
  availabilityProblems,
  availabilityWord,
  isIdleAway,
  isOnline,
  nextAvailability,
  ONLINE_GRACE_MS,
  parseAvailability,
  returnFromIdle,
} from '../../core/availability.js'

describe('availability', () => {
  it.each(['available', 'busy', 'away'])('takes `%s`', (value) => {
    expect(parseAvailability(value)).toBe(value)
    expect(availabilityProblems(value)).toEqual([])
  })

  it.each(['offline', 'Available', '', 3, null])('refuses %j, listing the choices', (value) => {
    expect(availabilityProblems(value)).toEqual([`Availability \`${String(value)}\` is not one of available, busy, away.`])
    expect(() => parseAvailability(value)).toThrow(expect.objectContaining({ code: 'invalid' }))
  })

  it('counts a user online while a client is connected, however long ago they last left', () => {
    expect(isOnline({ connected: true, lastSeenMs: 0 }, 10 * ONLINE_GRACE_MS)).toBe(true)
  })

  it('keeps a user online for two minutes after their last client left, and not a moment more', () => {
    const left = 1_000_000
    expect(isOnline({ connected: false, lastSeenMs: left }, left + ONLINE_GRACE_MS - 1)).toBe(true)
    expect(isOnline({ connected: false, lastSeenMs: left }, left + ONLINE_GRACE_MS)).toBe(false)
    expect(ONLINE_GRACE_MS).toBe(120_000)
  })

  it('counts a user never connected since the server started as offline', () => {
    expect(isOnline({ connected: false, lastSeenMs: null }, 0)).toBe(false)
  })

  it('shows colleagues `offline` over the choice of someone not connected', () => {
    expect(availabilityWord({ availability: 'busy', online: false })).toBe('offline')
    expect(availabilityWord({ availability: 'busy', online: true })).toBe('busy')
  })

  it('cycles available, busy, away and back', () => {
    expect([nextAvailability('available'), nextAvailability('busy'), nextAvailability('away')]).toEqual(['busy', 'away', 'available'])
  })

  it.each([
    ['available', 600_000, 600_000, true],
    ['available', 599_999, 600_000, false],
    ['busy', 3_600_000, 600_000, false],
    ['away', 3_600_000, 600_000, false],
    ['available', 3_600_000, 0, false],
  ] as const)('idleness moves `%s` after %i ms with a limit of %i ms to away: %s', (current, idle, limit, expected) => {
    expect(isIdleAway(current, idle, limit)).toBe(expected)
  })

  it('returns to available on activity only while still the away that idleness set', () => {
    expect(returnFromIdle('away', true)).toBe('available')
    expect(returnFromIdle('busy', true)).toBeNull()
    expect(returnFromIdle('away', false)).toBeNull()
  })
})
