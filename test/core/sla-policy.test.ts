import { describe, expect, it } from 'vitest'
import { formatDuration, parseDuration, parseSlaPolicy, readSlaPolicy, slaPolicyProblems } from '../../core/sla-policy.js'
import { refusalOf } from '../helpers/core-fixtures.js'

describe('SLA durations', () => {
  it.each([
    ['30m', 30 * 60_000],
    ['4h', 4 * 3_600_000],
    ['2d', 2 * 86_400_000],
  ])('reads `%s`', (text, ms) => {
    expect(parseDuration(text, '`--x`')).toBe(ms)
    expect(formatDuration(ms)).toBe(text)
  })

  it.each(['', '30', '1.5h', '0m', '-2h', '2w', '366d', 'h4'])('refuses `%s` with a sentence that shows how to write one', (text) => {
    expect(refusalOf(() => parseDuration(text, '`--first-response`')).message).toBe(
      `\`--first-response\` \`${text}\` is not a duration: write a whole number of minutes, hours or days from 1m to 365d, e.g. \`30m\`, \`4h\` or \`2d\`.`,
    )
  })
})

describe('an SLA policy', () => {
  it('is read from the flags, business hours in their written form', () => {
    expect(parseSlaPolicy({ firstResponse: '30m', resolution: '2d', warnBefore: '5m', businessHours: 'mon-fri 09:00-17:00@Europe/London' })).toEqual({
      firstResponseMs: 30 * 60_000,
      resolutionMs: 2 * 86_400_000,
      warnBeforeMs: 5 * 60_000,
      businessHours: 'Mon-Fri 09:00-17:00@Europe/London',
    })
  })

  it('reports every problem at once', () => {
    const error = refusalOf(() => parseSlaPolicy({ firstResponse: '30', warnBefore: 'soon', businessHours: '9-5' }))
    expect(error.code).toBe('invalid')
    expect(error.problems).toHaveLength(3)
    expect(error.message).toContain('`--first-response` `30` is not a duration')
    expect(error.message).toContain('`--warn-before` `soon` is not a duration')
    expect(error.message).toContain('Business hours `9-5` are not valid')
  })

  it('needs at least one target', () => {
    expect(refusalOf(() => parseSlaPolicy({ warnBefore: '5m' })).message).toContain('An SLA policy needs at least one target')
  })

  it('is checked whole when it comes as JSON', () => {
    expect(readSlaPolicy({ nextResponseMs: 3_600_000, warnBeforeMs: 0 })).toEqual({ nextResponseMs: 3_600_000, warnBeforeMs: 0 })
    expect(slaPolicyProblems({ firstResponseMs: 5, warnBeforeMs: 0, colour: 'red' })).toHaveLength(2)
    expect(slaPolicyProblems([])).toHaveLength(1)
  })
})
