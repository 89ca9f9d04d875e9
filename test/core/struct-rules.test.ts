import { describe, expect, it } from 'vitest'
import { checkStructs, type StructContext } from '../../core/struct-rules.js'
import type { StructRange } from '../../core/yjs-internals/update-structs.js'

const owners = new Map<number, string>([
  [1, 'alice'],
  [2, 'bob'],
  [3, 'system'],
])
const ctx = (doc: StructContext['doc'], user: string): StructContext => ({ doc, user, ownerOf: (client) => owners.get(client) })
const item = (client: number, clock = 0, length = 1): StructRange => ({ kind: 'item', client, clock, length })

describe('checkStructs', () => {
  it.each([
    { title: 'items at the writer’s own bound id', structs: [item(1, 4, 2)], user: 'alice', claims: [], problem: null },
    { title: 'items at an id nobody writes with yet, which it claims', structs: [item(1), item(9)], user: 'alice', claims: [9], problem: null },
    { title: 'items at a colleague’s id', structs: [item(2, 7)], user: 'alice', claims: [], problem: { code: 'forbidden', message: /client id 2 belongs to another writer of this document/ } },
    { title: 'items at the server’s id', structs: [item(3, 7)], user: 'alice', claims: [], problem: { code: 'forbidden', message: /client id 3 belongs to another writer/ } },
    { title: 'GC structs at the writer’s own id', structs: [{ kind: 'gc', client: 1, clock: 5, length: 3 }], user: 'alice', claims: [], problem: { code: 'invalid', message: /garbage-collected structs \(1:5–7\)/ } },
    { title: 'Skip structs at a new id', structs: [{ kind: 'skip', client: 9, clock: 0, length: 2 }], user: 'alice', claims: [], problem: { code: 'invalid', message: /gaps \(Skip structs at 9:0–1\)/ } },
  ] as const)('in an inbox: $title', ({ structs, user, claims, problem }) => {
    const verdict = checkStructs(structs, ctx('inbox', user))
    if (problem === null) expect(verdict.problems).toEqual([])
    else expect(verdict.problems).toEqual([{ code: problem.code, message: expect.stringMatching(problem.message) }])
    expect(verdict.claims).toEqual(claims)
  })

  it('refuses every struct in the organisation directory, GC ones included', () => {
    const verdict = checkStructs([{ kind: 'gc', client: 9, clock: 0, length: 1 }], ctx('org', 'alice'))
    expect(verdict.problems).toEqual([{ code: 'forbidden', message: 'clients write nothing in the organisation directory; admins change it through the API' }])
    expect(verdict.claims).toEqual([])
  })

  it('lists a few offending structs and counts the rest', () => {
    const gc = Array.from({ length: 5 }, (_, i): StructRange => ({ kind: 'gc', client: 1, clock: i * 2, length: 2 }))
    expect(checkStructs(gc, ctx('conversation', 'alice')).problems[0]?.message).toMatch(/\(1:0–1, 1:2–3, 1:4–5 and 2 more\)/)
  })

  it('passes an update with no structs (deletes only) on to the change rules', () => {
    expect(checkStructs([], ctx('org', 'alice'))).toEqual({ problems: [], claims: [] })
  })
})
