import { describe, expect, it } from 'vitest'
import {
  availabilityProblems,
  availabilityWord,
  goesAwayWhenIdle,
  isOnline,
  nextAvailability,
  ONLINE_GRACE_MS,
  parseAvailability,
  parseIdleAwayMinutes,
  returnsFromIdle,
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

  it('goes away when idle only from available, once the idle time has passed, and never when turned off', () => {
    expect(goesAwayWhenIdle('available', 600_000, 600_000)).toBe(true)
    expect(goesAwayWhenIdle('available', 599_999, 600_000)).toBe(false)
    expect(goesAwayWhenIdle('busy', 10 * 600_000, 600_000)).toBe(false)
    expect(goesAwayWhenIdle('away', 10 * 600_000, 600_000)).toBe(false)
    expect(goesAwayWhenIdle('available', 10 * 600_000, 0)).toBe(false)
  })

  it('comes back to available at a key press only while still the away the idling set', () => {
    expect(returnsFromIdle('away', true)).toBe(true)
    expect(returnsFromIdle('away', false)).toBe(false)
    expect(returnsFromIdle('busy', true)).toBe(false)
  })

  it.each([
    ['0', 0],
    ['15', 15],
    [' 1440 ', 1440],
  ])('takes --idle-away %j as %i minutes', (text, minutes) => {
    expect(parseIdleAwayMinutes(text)).toBe(minutes)
  })

  it.each(['-1', '1.5', 'ten', '', '1441'])('refuses --idle-away %j, saying what to write', (text) => {
    expect(() => parseIdleAwayMinutes(text)).toThrow(`\`--idle-away ${text}\` is not a number of minutes from 0 (never) to 1440; e.g. \`--idle-away 15\`.`)
  })
})
