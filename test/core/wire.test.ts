import { describe, expect, it } from 'vitest'
import { CLOSE_CODES, compareVersions, HUDDLE_VERSION, MESSAGE, MIN_CLIENT_VERSION, PROTOCOL_VERSION, SYNC_PATH_PREFIX } from '../../core/wire.js'

describe('wire constants', () => {
  it('keeps the standard y-websocket message types and numbers its own from 100', () => {
    expect(MESSAGE).toEqual({ sync: 0, awareness: 1, auth: 2, queryAwareness: 3, hello: 100, ack: 101, rejected: 102, view: 103 })
  })

  it('uses 44xx for final close codes and 45xx for transient ones', () => {
    const custom = Object.entries(CLOSE_CODES).filter(([, code]) => code >= 4000)
    const transient = ['storage', 'overloaded']
    for (const [name, code] of custom) expect([name, Math.floor(code / 100)]).toEqual([name, transient.includes(name) ? 45 : 44])
  })

  it('has distinct close codes', () => {
    const codes = Object.values(CLOSE_CODES)
    expect(new Set(codes).size).toBe(codes.length)
  })

  it('accepts its own version as a client version', () => {
    expect(compareVersions(HUDDLE_VERSION, MIN_CLIENT_VERSION)).toBeGreaterThanOrEqual(0)
    expect(PROTOCOL_VERSION).toBeGreaterThanOrEqual(1)
    expect(SYNC_PATH_PREFIX).toBe('/sync/')
  })
})

describe('compareVersions', () => {
  it.each([
    ['0.1.0', '0.1.0', 0],
    ['0.1.0', '0.2.0', -1],
    ['0.10.0', '0.9.9', 1],
    ['1.0', '1.0.0', 0],
    ['1.0.1', '1.0', 1],
    ['2.0.0', '10.0.0', -1],
    ['1.x.0', '1.0.0', 0],
  ])('compares %s with %s numerically', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign)
  })
})
