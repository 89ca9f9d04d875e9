import { describe, expect, it } from 'vitest'
import { allowsFreeText, formatRemaining, formatWindow, isClosingSoon, lastInboundBefore, WHATSAPP_WINDOW_MS, whatsappWindow } from '../../core/whatsapp-window.js'
import { T0 } from '../helpers/core-fixtures.js'

const HOUR = 3_600_000

describe('whatsappWindow', () => {
  it('does not apply to other channels', () => {
    expect(whatsappWindow('sms', T0, T0 + 48 * HOUR)).toEqual({ kind: 'none' })
    expect(allowsFreeText({ kind: 'none' })).toBe(true)
  })

  it('is open for 24 hours after the customer’s last message, with the time left', () => {
    expect(whatsappWindow('whatsapp', T0, T0 + HOUR)).toEqual({ kind: 'open', closesAt: T0 + WHATSAPP_WINDOW_MS, remainingMs: 23 * HOUR })
  })

  it('closes exactly 24 hours after', () => {
    expect(whatsappWindow('whatsapp', T0, T0 + WHATSAPP_WINDOW_MS - 1).kind).toBe('open')
    expect(whatsappWindow('whatsapp', T0, T0 + WHATSAPP_WINDOW_MS)).toEqual({ kind: 'closed', closedAt: T0 + WHATSAPP_WINDOW_MS })
    expect(allowsFreeText({ kind: 'closed', closedAt: T0 })).toBe(false)
  })

  it('is closed when the customer never wrote', () => {
    expect(whatsappWindow('whatsapp', null, T0)).toEqual({ kind: 'closed', closedAt: null })
  })
})

describe('labels', () => {
  it.each([
    [0, '<1m'],
    [59_999, '<1m'],
    [60_000, '1m'],
    [42 * 60_000, '42m'],
    [23 * HOUR + 5 * 60_000 + 30_000, '23h 05m'],
  ])('formats %i ms left as %s', (ms, text) => {
    expect(formatRemaining(ms)).toBe(text)
  })

  it('says what the list and the composer show', () => {
    expect(formatWindow(whatsappWindow('whatsapp', T0, T0 + HOUR))).toBe('23h 00m left')
    expect(formatWindow(whatsappWindow('whatsapp', T0, T0 + 25 * HOUR))).toBe('window closed')
    expect(formatWindow(whatsappWindow('chat', T0, T0))).toBe('')
  })

  it('warns in the last hour', () => {
    expect(isClosingSoon(whatsappWindow('whatsapp', T0, T0 + 23.5 * HOUR))).toBe(true)
    expect(isClosingSoon(whatsappWindow('whatsapp', T0, T0 + 2 * HOUR))).toBe(false)
    expect(isClosingSoon(whatsappWindow('whatsapp', T0, T0 + 25 * HOUR))).toBe(false)
  })
})

describe('lastInboundBefore', () => {
  it('finds the newest customer message at or before a moment', () => {
    expect(lastInboundBefore([T0, T0 + 10, T0 + 20], T0 + 15)).toBe(T0 + 10)
    expect(lastInboundBefore([T0 + 20, T0], T0 + 20)).toBe(T0 + 20)
    expect(lastInboundBefore([T0 + 20], T0)).toBeNull()
    expect(lastInboundBefore([], T0)).toBeNull()
  })
})
