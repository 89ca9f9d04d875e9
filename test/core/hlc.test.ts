import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  compareHlc,
  estimateClockOffset,
  formatHlc,
  HybridClock,
  isHlcString,
  MAX_CLOCK_DRIFT_MS,
  observeHlc,
  parseHlc,
  tickHlc,
  ZERO_HLC,
  type Hlc,
} from '../../core/hlc.js'
import { refusalOf, T0 } from '../helpers/core-fixtures.js'

const HOUR = 3_600_000

describe('formatting and parsing stamps', () => {
  it.each([
    [{ ms: 0, counter: 0 }, '000000000000000.000000'],
    [{ ms: 1764072000000, counter: 3 }, '001764072000000.000003'],
    [{ ms: 999_999_999_999_999, counter: 999_999 }, '999999999999999.999999'],
  ])('formats %j as %s and parses it back', (hlc, text) => {
    expect(formatHlc(hlc)).toBe(text)
    expect(parseHlc(text)).toEqual(hlc)
    expect(isHlcString(text)).toBe(true)
  })

  it.each(['', '1.1', '001764072000000.00003', '01764072000000.000003', '001764072000000-000003', ' 001764072000000.000003', 'abc'])(
    'refuses `%s` as a stamp, quoting it',
    (text) => {
      expect(isHlcString(text)).toBe(false)
      const error = refusalOf(() => parseHlc(text))
      expect(error.code).toBe('invalid')
      expect(error.message).toContain(`\`${text}\``)
    },
  )

  it.each([[42], [null], [undefined], [{ ms: 1, counter: 0 }]])('does not take %j for a stamp', (value) => {
    expect(isHlcString(value)).toBe(false)
  })

  it('orders stamps as strings exactly as it orders clocks', () => {
    const hlc = fc.record({ ms: fc.integer({ min: 0, max: 2 ** 48 }), counter: fc.integer({ min: 0, max: 999_999 }) })
    fc.assert(
      fc.property(hlc, hlc, (a, b) => {
        const textOrder = formatHlc(a) < formatHlc(b) ? -1 : formatHlc(a) > formatHlc(b) ? 1 : 0
        expect(textOrder).toBe(Math.sign(compareHlc(a, b)))
      }),
    )
  })
})

describe('ticking', () => {
  it.each([
    ['the wall clock moved on', { ms: T0, counter: 5 }, T0 + 10, { ms: T0 + 10, counter: 0 }],
    ['the wall clock has not moved', { ms: T0, counter: 5 }, T0, { ms: T0, counter: 6 }],
    ['the wall clock went backwards', { ms: T0, counter: 5 }, T0 - HOUR, { ms: T0, counter: 6 }],
  ])('stamps strictly after the last stamp when %s', (_why, last: Hlc, now: number, next: Hlc) => {
    expect(tickHlc(last, now)).toEqual(next)
    expect(compareHlc(tickHlc(last, now), last)).toBeGreaterThan(0)
  })

  it('issues strictly increasing stamps whatever the wall clock does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -HOUR, max: HOUR }), { minLength: 1, maxLength: 50 }), (readings) => {
        let i = 0
        const clock = new HybridClock(() => T0 + readings[i++ % readings.length]!)
        const stamps = readings.map(() => clock.tick())
        for (let k = 1; k < stamps.length; k++) expect(stamps[k]! > stamps[k - 1]!).toBe(true)
      }),
    )
  })

  it('starts from zero unless given a start', () => {
    expect(new HybridClock(() => 0).current()).toEqual(ZERO_HLC)
    expect(new HybridClock(() => 0, { ms: 7, counter: 1 }).tick()).toBe(formatHlc({ ms: 7, counter: 2 }))
  })
})

describe('observing remote stamps', () => {
  const now = T0
  const last: Hlc = { ms: T0, counter: 2 }

  it.each([
    ['a later stamp within the drift', { ms: T0 + 60_000, counter: 0 }, { ms: T0 + 60_000, counter: 0 }],
    ['a stamp exactly at the drift limit', { ms: T0 + MAX_CLOCK_DRIFT_MS, counter: 4 }, { ms: T0 + MAX_CLOCK_DRIFT_MS, counter: 4 }],
    ['a stamp of the same millisecond with a higher counter', { ms: T0, counter: 9 }, { ms: T0, counter: 9 }],
    ['an earlier stamp', { ms: T0 - 1, counter: 50 }, last],
    ['a stamp more than five minutes ahead of physical time', { ms: T0 + MAX_CLOCK_DRIFT_MS + 1, counter: 0 }, last],
    ['a stamp three hours ahead', { ms: T0 + 3 * HOUR, counter: 0 }, last],
  ])('after %s the clock is %j', (_what, remote: Hlc, expected: Hlc) => {
    expect(observeHlc(last, remote, now)).toEqual(expected)
  })

  it('takes the drift allowance as a parameter', () => {
    expect(observeHlc(last, { ms: T0 + 2000, counter: 0 }, now, 1000)).toEqual(last)
    expect(observeHlc(last, { ms: T0 + 1000, counter: 0 }, now, 1000)).toEqual({ ms: T0 + 1000, counter: 0 })
  })

  it('stamps a local action after a remote stamp it observed', () => {
    const clock = new HybridClock(() => T0)
    const remote = formatHlc({ ms: T0 + 90_000, counter: 7 })
    clock.observe(remote)
    expect(clock.tick() > remote).toBe(true)
  })

  it('ignores a remote stamp that is not a stamp', () => {
    const clock = new HybridClock(() => T0)
    clock.tick()
    const before = clock.current()
    clock.observe('tomorrow')
    expect(clock.current()).toEqual(before)
  })

  it('does not let one broken clock drag the others forward', () => {
    const clock = new HybridClock(() => T0)
    clock.observe(formatHlc({ ms: T0 + 3 * HOUR, counter: 0 }))
    expect(parseHlc(clock.tick()).ms).toBe(T0)
  })
})

describe('clock offset', () => {
  it.each([
    ['the clocks agree', 1000, 1050, 1100, 0],
    ['the local clock is 3 hours slow', 1000, 1050 + 3 * HOUR, 1100, 3 * HOUR],
    ['the local clock is 10 s fast', 20_000, 10_100, 20_200, -10_000],
    ['the round trip is odd', 0, 10, 3, 9],
  ])('is estimated from one round trip when %s', (_why, sentAt, serverTime, receivedAt, offset) => {
    expect(estimateClockOffset(sentAt, serverTime, receivedAt)).toBe(offset)
  })

  it('lets a client 3 hours slow, corrected by the offset, stamp after a stamp it observed', () => {
    const trueNow = { ms: T0 }
    const server = new HybridClock(() => trueNow.ms)
    const localWall = (): number => trueNow.ms - 3 * HOUR
    const sentAt = localWall()
    trueNow.ms += 40
    const serverTime = trueNow.ms
    trueNow.ms += 40
    const offset = estimateClockOffset(sentAt, serverTime, localWall())
    expect(offset).toBe(3 * HOUR)
    const client = new HybridClock(() => localWall() + offset)

    const seen = server.tick()
    client.observe(seen)
    const mine = client.tick()
    expect(mine > seen).toBe(true)
    // And it does not overshoot into the future either: its stamp is at true time.
    expect(parseHlc(mine).ms).toBe(trueNow.ms)
  })

  it('leaves an uncorrected client 3 hours slow stamping in its own past (why the offset matters)', () => {
    const server = new HybridClock(() => T0)
    const client = new HybridClock(() => T0 - 3 * HOUR)
    const seen = server.tick()
    client.observe(seen)
    expect(client.tick() < seen).toBe(true)
  })
})
