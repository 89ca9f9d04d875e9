import { describe, expect, it } from 'vitest'
import { authorize, decide, type Action, type InboxAccess } from '../../core/permissions.js'
import type { User } from '../../core/users.js'
import { makeUser, refusalOf } from '../helpers/core-fixtures.js'

const sales: InboxAccess = { kind: 'shared', name: 'Sales', members: ['alice', 'bob'] }
const alicePersonal: InboxAccess = { kind: 'personal', owner: 'alice' }

const admin = makeUser('root', 'admin')
const alice = makeUser('alice', 'basic', ['sms', 'chat'])
const bob = makeUser('bob', 'team-leader', ['whatsapp'])
const dave = makeUser('dave', 'basic', ['sms'])
const unlicensedAdmin = makeUser('una', 'admin', [])
const unlicensedBasic = makeUser('ben', 'basic', [])

function refusal(user: User, action: Action): string {
  const decision = decide(user, action)
  if (decision.allowed) throw new Error('expected a refusal')
  expect(decision.error.code).toBe('forbidden')
  return decision.error.message
}

describe('decide', () => {
  const allowed: [string, User, Action][] = [
    ['a licensed admin manages settings', admin, { kind: 'manage-settings' }],
    ['a licensed admin reads settings', admin, { kind: 'read-settings', what: 'Listing users' }],
    ['a licensed user becomes a member', alice, { kind: 'become-member' }],
    ['anyone reads the directory', unlicensedBasic, { kind: 'read-directory' }],
    ['a licensed agent lists the templates they reply with', alice, { kind: 'read-templates' }],
    ['a member reads a shared inbox', alice, { kind: 'read-inbox', inbox: sales }],
    ['a member acts in a shared inbox', bob, { kind: 'act-in-inbox', inbox: sales }],
    ['a member replies on a channel they hold', alice, { kind: 'reply', inbox: sales, channel: 'sms' }],
    ['the owner reads their personal inbox', alice, { kind: 'read-inbox', inbox: alicePersonal }],
    ['the owner acts in their personal inbox', alice, { kind: 'act-in-inbox', inbox: alicePersonal }],
    ['the owner replies from their personal inbox', alice, { kind: 'reply', inbox: alicePersonal, channel: 'chat' }],
    ['an agent sets their own availability, even without a licence', unlicensedBasic, { kind: 'set-availability', user: 'ben' }],
    ["an admin sets a colleague's availability", admin, { kind: 'set-availability', user: 'alice' }],
    ['a member reports on their inbox', alice, { kind: 'read-reports', inbox: sales }],
    ['a team leader reports on an inbox they are not in', makeUser('tess', 'team-leader', ['sms']), { kind: 'read-reports', inbox: sales }],
    ['an admin reports on an inbox they are not in', admin, { kind: 'read-reports', inbox: sales }],
  ]
  it.each(allowed)('allows: %s', (_title, user, action) => {
    expect(decide(user, action)).toEqual({ allowed: true })
    expect(() => authorize(user, action)).not.toThrow()
  })

  it.each([
    ['a basic user', alice, ['`admin` permission (you have `basic`)'], ['digital licence']],
    ['a team leader', bob, ['`admin` permission (you have `team-leader`)'], ['digital licence']],
    ['an admin without a licence', unlicensedAdmin, ['a digital licence (sms, whatsapp or chat)'], ['`admin` permission']],
    ['a basic user without a licence', unlicensedBasic, ['`admin` permission (you have `basic`)', 'a digital licence'], []],
  ] as const)('refuses settings to %s, naming what is missing', (_who, user, mentioned, notMentioned) => {
    const message = refusal(user, { kind: 'manage-settings' })
    expect(message).toMatch(/^Changing settings needs /)
    for (const text of mentioned) expect(message).toContain(text)
    for (const text of notMentioned) expect(message).not.toContain(text)
    expect(message).toContain(`huddle user edit ${user.id}`)
  })

  it('names the read it refuses, never calling it a change of settings', () => {
    const message = refusal(bob, { kind: 'read-settings', what: 'Listing users' })
    expect(message).toMatch(/^Listing users needs the `admin` permission \(you have `team-leader`\)/)
    expect(decide(unlicensedAdmin, { kind: 'read-settings', what: 'Listing users' }).allowed).toBe(false)
  })

  it('names both missing requirements joined by "and"', () => {
    expect(refusal(unlicensedBasic, { kind: 'manage-settings' })).toContain('(you have `basic`) and a digital licence')
  })

  it('refuses the templates only to a user without a licence, whatever their permission', () => {
    expect(refusal(unlicensedAdmin, { kind: 'read-templates' })).toBe(
      'Listing templates needs a digital licence (sms, whatsapp or chat); `una` lacks it. Ask an admin to run `huddle user edit una`.',
    )
    expect(decide(bob, { kind: 'read-templates' }).allowed).toBe(true)
  })

  it('refuses an agent a report on an inbox they are not in, saying how to be added', () => {
    expect(refusal(dave, { kind: 'read-reports', inbox: sales })).toBe('You (`dave`) are not a member of inbox `Sales`. Ask an admin: `huddle inbox members "Sales" --add dave`.')
  })

  it("refuses setting a colleague's availability to a team leader, saying how to set one's own", () => {
    const message = refusal(bob, { kind: 'set-availability', user: 'alice' })
    expect(message).toContain('Only `alice` or an admin')
    expect(message).toContain('huddle availability set busy')
  })

  it('refuses membership to a user without a licence, saying how to give one', () => {
    expect(refusal(unlicensedAdmin, { kind: 'become-member' })).toContain('huddle user edit una --licence sms')
  })

  it.each(['read-inbox', 'act-in-inbox'] as const)('refuses %s of a shared inbox to a non-member, even an admin', (kind) => {
    const message = refusal(admin, { kind, inbox: sales })
    expect(message).toContain('not a member of inbox `Sales`')
    expect(message).toContain('huddle inbox members "Sales" --add root')
  })

  it.each(['read-inbox', 'act-in-inbox'] as const)('refuses %s of a personal inbox to anyone but its owner, even an admin', (kind) => {
    expect(refusal(admin, { kind, inbox: alicePersonal })).toBe('The personal inbox of `alice` can only be opened by its owner.')
    expect(refusal(bob, { kind, inbox: alicePersonal })).toContain('only be opened by its owner')
  })

  it.each(['read-inbox', 'act-in-inbox'] as const)('refuses %s of their personal inbox to an owner without a licence, saying how to get one', (kind) => {
    const message = refusal(unlicensedBasic, { kind, inbox: { kind: 'personal', owner: 'ben' } })
    expect(message).toBe('`ben` holds no digital licence, so has no personal inbox. Ask an admin: `huddle user edit ben --licence sms`.')
  })

  it("tells a non-owner only that the inbox is its owner's, whether or not its owner holds a licence", () => {
    expect(refusal(alice, { kind: 'read-inbox', inbox: { kind: 'personal', owner: 'ben' } })).toBe('The personal inbox of `ben` can only be opened by its owner.')
    expect(refusal(unlicensedBasic, { kind: 'read-inbox', inbox: alicePersonal })).toBe('The personal inbox of `alice` can only be opened by its owner.')
  })

  it('refuses a reply on a channel the member holds no licence for, while reading, noting and assigning stay allowed', () => {
    const message = refusal(bob, { kind: 'reply', inbox: sales, channel: 'sms' })
    expect(message).toContain('needs the `sms` licence')
    expect(message).toContain('you can still read, note and assign')
    expect(decide(bob, { kind: 'read-inbox', inbox: sales }).allowed).toBe(true)
    expect(decide(bob, { kind: 'act-in-inbox', inbox: sales }).allowed).toBe(true)
    expect(decide(bob, { kind: 'reply', inbox: sales, channel: 'whatsapp' }).allowed).toBe(true)
  })

  it('refuses a reply from a non-member for membership, not for the licence', () => {
    expect(refusal(dave, { kind: 'reply', inbox: sales, channel: 'sms' })).toContain('not a member')
    expect(refusal(dave, { kind: 'reply', inbox: alicePersonal, channel: 'sms' })).toContain('only be opened by its owner')
  })

  it('makes authorize throw the same refusal decide gives', () => {
    const decision = decide(dave, { kind: 'act-in-inbox', inbox: sales })
    const error = refusalOf(() => authorize(dave, { kind: 'act-in-inbox', inbox: sales }))
    expect(decision.allowed).toBe(false)
    expect(error.code).toBe('forbidden')
    if (!decision.allowed) expect(error.message).toBe(decision.error.message)
  })
})
