import { describe, expect, it } from 'vitest'
import {
  addUser,
  changeMembers,
  createInbox,
  deleteInbox,
  editInbox,
  editUser,
  EMPTY_DIRECTORY,
  findInbox,
  findUser,
  inboxById,
  isSettingsAdmin,
  listInboxes,
  listUsers,
  removeUser,
  userById,
  type Directory,
} from '../../core/directory.js'
import { addRule } from '../../core/routing-policy.js'
import { makeUser, refusalOf, sampleDirectory } from '../helpers/core-fixtures.js'

function withRules(dir: Directory): Directory {
  let next = createInbox(dir, { name: 'Support' }).directory
  next = addRule(next, { address: '+15550100', conditions: { keyword: 'price' }, target: { kind: 'inbox', inbox: 'sales' } }, 'p1')
  next = addRule(next, { address: '+15550100', conditions: {}, target: { kind: 'user', user: 'alice' } }, 'p1')
  next = addRule(next, { address: '+15550100', conditions: { channel: 'chat' }, target: { kind: 'inbox', inbox: 'support' } }, 'p1')
  return addRule(next, { address: '+15550100', conditions: {}, target: { kind: 'inbox', inbox: 'sales' }, isDefault: true }, 'p1')
}

describe('users in the directory', () => {
  it('adds a valid user and lists users by id', () => {
    const dir = sampleDirectory()
    expect(listUsers(dir).map((u) => u.id)).toEqual(['alice', 'bob', 'carol', 'root'])
    expect(findUser(dir, 'alice')).toEqual({ id: 'alice', name: 'Alice Martin', permission: 'basic', licences: ['chat', 'sms'] })
  })

  it('refuses a second user with the same id', () => {
    const error = refusalOf(() => addUser(sampleDirectory(), { id: 'alice', name: 'Another Alice' }))
    expect(error.code).toBe('conflict')
    expect(error.message).toContain('huddle user edit alice')
  })

  it('refuses an invalid user with every problem', () => {
    const error = refusalOf(() => addUser(EMPTY_DIRECTORY, { id: 'X', name: '', licences: ['sms'] }))
    expect(error.code).toBe('invalid')
    expect(error.problems).toHaveLength(2)
  })

  it('answers an unknown user with not-found', () => {
    const error = refusalOf(() => findUser(sampleDirectory(), 'zed'))
    expect(error.code).toBe('not-found')
    expect(error.message).toContain('`zed`')
  })

  it.each(['constructor', '__proto__', 'prototype'])('finds no user or inbox with an id that names an object property (`%s`)', (id) => {
    expect(userById(sampleDirectory(), id)).toBeUndefined()
    expect(inboxById(sampleDirectory(), id)).toBeUndefined()
  })

  it.each(['constructor', 'hasownproperty', 'tostring'])('treats a user id that names an object property (`%s`) like any other', (id) => {
    const dir = sampleDirectory()
    expect(refusalOf(() => findUser(dir, id)).code).toBe('not-found')
    const added = addUser(dir, { id, name: 'Odd Name', licences: ['sms'] })
    expect(findUser(added, id).name).toBe('Odd Name')
  })

  it('tells settings admins apart: admin permission and a licence', () => {
    expect(isSettingsAdmin(makeUser('a', 'admin'))).toBe(true)
    expect(isSettingsAdmin(makeUser('a', 'admin', []))).toBe(false)
    expect(isSettingsAdmin(makeUser('a', 'team-leader'))).toBe(false)
  })

  it('edits a user, validating every field of the patch together', () => {
    const dir = sampleDirectory()
    const { directory, lost } = editUser(dir, 'alice', { name: ' Alice M ', permission: 'team-leader', licences: ['whatsapp', 'sms'] })
    expect(findUser(directory, 'alice')).toEqual({ id: 'alice', name: 'Alice M', permission: 'team-leader', licences: ['sms', 'whatsapp'] })
    expect(lost).toEqual([])
    const error = refusalOf(() => editUser(dir, 'alice', { name: '', permission: 'basic' }))
    expect(error.code).toBe('invalid')
    expect(error.problems).toHaveLength(1)
    expect(error.message).toContain('User name `` is not valid')
  })

  it('ends the memberships of a user who loses their last licence, and reports them', () => {
    const { directory, lost } = editUser(sampleDirectory(), 'alice', { licences: [] })
    expect(lost).toEqual([{ inbox: 'sales', user: 'alice' }])
    expect(findInbox(directory, 'sales').members).toEqual(['bob'])
  })

  it.each([
    ['demoting', { permission: 'team-leader' }],
    ['taking every licence from', { licences: [] }],
  ] as const)('refuses %s the last licensed admin', (_what, patch) => {
    const error = refusalOf(() => editUser(sampleDirectory(), 'root', patch))
    expect(error.code).toBe('conflict')
    expect(error.message).toContain('no admin with a digital licence')
  })

  it('allows demoting an admin while another licensed admin remains', () => {
    const dir = addUser(sampleDirectory(), { id: 'deputy', name: 'Deputy', permission: 'admin', licences: ['chat'] })
    expect(findUser(editUser(dir, 'root', { permission: 'basic' }).directory, 'root').permission).toBe('basic')
  })

  it('refuses removing the last licensed admin', () => {
    expect(refusalOf(() => removeUser(sampleDirectory(), 'root')).code).toBe('conflict')
  })

  it('removes a user with their memberships and the rules routing to their personal inbox', () => {
    const dir = withRules(sampleDirectory())
    const { directory, lost } = removeUser(dir, 'alice')
    expect(directory.users.alice).toBeUndefined()
    expect(lost).toEqual([{ inbox: 'sales', user: 'alice' }])
    expect(findInbox(directory, 'sales').members).toEqual(['bob'])
    expect(directory.policies[0]!.rules.map((r) => r.target)).toEqual([
      { kind: 'inbox', inbox: 'sales' },
      { kind: 'inbox', inbox: 'support' },
    ])
  })

  it('refuses removing or editing an unknown user', () => {
    expect(refusalOf(() => removeUser(sampleDirectory(), 'zed')).code).toBe('not-found')
    expect(refusalOf(() => editUser(sampleDirectory(), 'zed', { name: 'Z' })).code).toBe('not-found')
  })

  it('never changes the directory it was given', () => {
    const dir = sampleDirectory()
    const snapshot = JSON.stringify(dir)
    editUser(dir, 'alice', { licences: [] })
    removeUser(dir, 'bob')
    changeMembers(dir, 'sales', { add: ['root'], remove: ['alice'] })
    deleteInbox(dir, 'sales', { openConversations: 0, force: false })
    expect(JSON.stringify(dir)).toBe(snapshot)
  })
})

describe('inboxes in the directory', () => {
  it('creates an inbox with a slug id, the trimmed name, no members and new conversations after archived ones', () => {
    const { directory, inbox } = createInbox(sampleDirectory(), { name: '  Billing & Refunds ', description: 'Money back' })
    expect(inbox).toEqual({ id: 'billing-refunds', name: 'Billing & Refunds', description: 'Money back', reopenArchived: false, members: [] })
    expect(directory.inboxes['billing-refunds']).toEqual(inbox)
  })

  it('gives a fresh id when the slug is taken by an inbox of another name', () => {
    const dir = createInbox(sampleDirectory(), { name: 'Sales!' }).directory
    expect(findInbox(dir, 'Sales!').id).toBe('sales-2')
  })

  it('gives the plain slug to an inbox named after an object property', () => {
    expect(createInbox(sampleDirectory(), { name: 'Constructor' }).inbox.id).toBe('constructor')
    expect(refusalOf(() => findInbox(sampleDirectory(), 'constructor')).code).toBe('not-found')
  })

  it.each(['Sales', 'SALES', ' sales '])('refuses a new inbox named %j because names are unique regardless of case', (name) => {
    const error = refusalOf(() => createInbox(sampleDirectory(), { name }))
    expect(error.code).toBe('conflict')
    expect(error.message).toContain('An inbox named `Sales` already exists')
  })

  it('refuses an invalid name and description together', () => {
    const error = refusalOf(() => createInbox(sampleDirectory(), { name: '', description: 'x'.repeat(501) }))
    expect(error.code).toBe('invalid')
    expect(error.problems).toHaveLength(2)
  })

  it('finds an inbox by id or by name regardless of case, and lists inboxes by name', () => {
    const dir = createInbox(sampleDirectory(), { name: 'Apples' }).directory
    expect(findInbox(dir, 'sales').name).toBe('Sales')
    expect(findInbox(dir, 'sAlEs').id).toBe('sales')
    expect(listInboxes(dir).map((i) => i.name)).toEqual(['Apples', 'Sales'])
    expect(refusalOf(() => findInbox(dir, 'Pears')).message).toContain('huddle inbox list')
  })

  it('renames an inbox, keeping its id, and allows changing only the case of its own name', () => {
    const dir = sampleDirectory()
    const renamed = editInbox(dir, 'Sales', { name: ' Sales EU ' })
    expect(renamed.inbox).toMatchObject({ id: 'sales', name: 'Sales EU' })
    expect(editInbox(dir, 'sales', { name: 'SALES' }).inbox.name).toBe('SALES')
  })

  it('refuses renaming an inbox to another inbox’s name in any case', () => {
    const dir = createInbox(sampleDirectory(), { name: 'Support' }).directory
    expect(refusalOf(() => editInbox(dir, 'support', { name: 'sales' })).code).toBe('conflict')
  })

  it('describes an inbox and edits its reopen setting', () => {
    const { inbox } = editInbox(sampleDirectory(), 'sales', { description: 'EU leads', reopenArchived: true })
    expect(inbox).toMatchObject({ description: 'EU leads', reopenArchived: true, name: 'Sales', members: ['alice', 'bob'] })
  })

  it('refuses deleting an inbox with open conversations unless forced', () => {
    const error = refusalOf(() => deleteInbox(sampleDirectory(), 'Sales', { openConversations: 3, force: false }))
    expect(error.code).toBe('conflict')
    expect(error.message).toContain('3 open conversation(s)')
    expect(error.message).toContain('--force')
    const { directory, inbox } = deleteInbox(sampleDirectory(), 'Sales', { openConversations: 3, force: true })
    expect(inbox.id).toBe('sales')
    expect(directory.inboxes.sales).toBeUndefined()
  })

  it('deletes an inbox without open conversations, removing the rules and default that target it', () => {
    const { directory } = deleteInbox(withRules(sampleDirectory()), 'sales', { openConversations: 0, force: false })
    const [policy] = directory.policies
    expect(policy!.defaultInbox).toBeNull()
    expect(policy!.rules.map((r) => r.target)).toEqual([
      { kind: 'user', user: 'alice' },
      { kind: 'inbox', inbox: 'support' },
    ])
  })

  it('refuses deleting an unknown inbox', () => {
    expect(refusalOf(() => deleteInbox(sampleDirectory(), 'nope', { openConversations: 0, force: true })).code).toBe('not-found')
  })
})

describe('changing the members of an inbox', () => {
  it('adds and removes members as one set, reporting who was added and who lost access', () => {
    const dir = addUser(sampleDirectory(), { id: 'dave', name: 'Dave', licences: ['chat'] })
    const result = changeMembers(dir, 'Sales', { add: ['root', 'dave'], remove: ['alice'] })
    expect(result.inbox.members).toEqual(['bob', 'dave', 'root'])
    expect(result.added).toEqual(['root', 'dave'])
    expect(result.lost).toEqual([{ inbox: 'sales', user: 'alice' }])
    expect(result.directory.inboxes.sales).toEqual(result.inbox)
  })

  it('changes nothing when adding a member again or removing a non-member', () => {
    const result = changeMembers(sampleDirectory(), 'sales', { add: ['alice', 'alice'], remove: ['root'] })
    expect(result.inbox.members).toEqual(['alice', 'bob'])
    expect(result.added).toEqual([])
    expect(result.lost).toEqual([])
  })

  it.each([
    ['an unknown user', { add: ['zed'], remove: [] }, ['`zed` does not exist; add them first']],
    ['an unknown user named after an object property', { add: ['constructor'], remove: [] }, ['`constructor` does not exist']],
    ['an unlicensed user', { add: ['carol'], remove: [] }, ['`carol` holds no digital licence', 'huddle user edit carol --licence sms']],
    ['removing an unknown user', { add: [], remove: ['zed'] }, ['`zed` does not exist, so cannot be removed from `Sales`']],
    ['adding and removing the same user', { add: ['root'], remove: ['root'] }, ['`root` is both added and removed']],
  ])('refuses %s with a clear error', (_what, change, fragments) => {
    const error = refusalOf(() => changeMembers(sampleDirectory(), 'sales', change))
    expect(error.code).toBe('invalid')
    for (const fragment of fragments) expect(error.message).toContain(fragment)
  })

  it('makes no partial change when one of several users is refused, and lists every problem', () => {
    const dir = sampleDirectory()
    const error = refusalOf(() => changeMembers(dir, 'sales', { add: ['root', 'carol', 'zed'], remove: ['alice'] }))
    expect(error.problems).toHaveLength(2)
    expect(error.message.split('\n')[0]).toBe('The members of `Sales` were not changed:')
    expect(dir.inboxes.sales!.members).toEqual(['alice', 'bob'])
  })

  it('refuses changing the members of an unknown inbox', () => {
    expect(refusalOf(() => changeMembers(sampleDirectory(), 'nope', { add: ['root'], remove: [] })).code).toBe('not-found')
  })
})
