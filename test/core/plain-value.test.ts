import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { readPlainValue, toPlainValue } from '../../core/plain-value.js'

/** What lib0 (and so Yjs' ContentAny) makes of `value` on the receiving side. */
function throughLib0(value: unknown): unknown {
  const encoder = encoding.createEncoder()
  encoding.writeAny(encoder, value as never)
  return decoding.readAny(decoding.createDecoder(encoding.toUint8Array(encoder)))
}

describe('plain values from decoded data', () => {
  it('lib0 turns an own `__proto__` key into the prototype, where only an inherited read finds it', () => {
    const decoded = throughLib0(JSON.parse('{"id":"r1","__proto__":{"body":"hidden"}}')) as Record<string, unknown>
    expect(Object.keys(decoded)).toEqual(['id'])
    expect(decoded.body).toBe('hidden')
  })

  it.each<[string, unknown, string]>([
    ['a `__proto__` key lib0 made into the prototype', throughLib0(JSON.parse('{"id":"r1","__proto__":{"body":"hidden"}}')), 'holds the key `__proto__`'],
    ['the same, nested', throughLib0(JSON.parse('{"basis":{"__proto__":{"assignee":null}}}')), 'holds the key `__proto__` at `basis`'],
    ['an own `constructor` key', throughLib0({ constructor: 'x' }), 'holds the key `constructor`'],
    ['an own `prototype` key', throughLib0({ a: [{ prototype: 1 }] }), 'holds the key `prototype` at `a[0]`'],
    ['binary data', throughLib0({ body: new Uint8Array([1, 2]) }), 'holds binary data at `body`'],
    ['`undefined` as a value', throughLib0([undefined]), 'holds `undefined` at `[0]`'],
  ])('refuses %s, saying so', (_what, value, problem) => {
    const reading = readPlainValue(value)
    expect(reading.ok).toBe(false)
    expect(reading.ok ? '' : reading.problem).toContain(problem)
  })

  it('copies own data and leaves out fields set to `undefined`, as JSON does', () => {
    const decoded = throughLib0({ id: 'r1', template: undefined, basis: { assignee: null, lastInbound: 'm1' }, at: 5 })
    expect(toPlainValue(decoded, 'The value')).toEqual({ id: 'r1', basis: { assignee: null, lastInbound: 'm1' }, at: 5 })
  })

  it('throws the problem as a sentence starting with what the value is', () => {
    expect(() => toPlainValue(JSON.parse('{"__proto__":1}'), 'The request body')).toThrow(
      "The request body holds the key `__proto__`, which is never accepted as it names an object's prototype; rename or remove it.",
    )
  })
})
