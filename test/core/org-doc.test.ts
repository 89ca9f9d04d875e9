import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addUser, changeMembers, editInbox, editUser, removeUser } from '../../core/directory.js'
import { ORG_ROOTS, OrgDoc } from '../../core/org-doc.js'
import { sampleDirectory } from '../helpers/core-fixtures.js'

function changedKeys(org: OrgDoc, act: () => void): { users: string[]; inboxes: string[]; updates: number } {
  const users = new Set<string>()
  const inboxes = new Set<string>()
  let updates = 0
  const onTransaction = (transaction: Y.Transaction): void => {
    for (const [type, keys] of transaction.changed) {
      const changed: unknown = type
      const into = changed === org.users ? users : changed === org.inboxes ? inboxes : null
      for (const key of keys) if (into && key !== null) into.add(key)
    }
  }
  const onUpdate = (): void => {
    updates++
  }
  org.doc.on('afterTransaction', onTransaction)
  org.doc.on('update', onUpdate)
  act()
  org.doc.off('afterTransaction', onTransaction)
  org.doc.off('update', onUpdate)
  return { users: [...users].sort(), inboxes: [...inboxes].sort(), updates }
}

describe('OrgDoc', () => {
  it('publishes users and inboxes with their members, and reads them back in another replica', () => {
    const dir = sampleDirectory()
    const org = new OrgDoc(new Y.Doc())
    org.publish(dir)
    const replica = new Y.Doc()
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(org.doc))
    const view = new OrgDoc(replica).read()
    expect(view.users).toEqual(dir.users)
    expect(view.inboxes).toEqual({ sales: { id: 'sales', name: 'Sales', reopenArchived: false, members: ['alice', 'bob'] } })
    expect([...replica.share.keys()].sort()).toEqual(Object.values(ORG_ROOTS).sort())
  })

  it('never puts an inbox description into the document', () => {
    const org = new OrgDoc(new Y.Doc())
    org.publish(sampleDirectory())
    expect(JSON.stringify(org.doc.toJSON())).not.toContain('Leads and quotes')
    expect(org.read().inboxes.sales).not.toHaveProperty('description')
  })

  it('writes nothing when nothing public changed, including a description edit', () => {
    const dir = sampleDirectory()
    const org = new OrgDoc(new Y.Doc())
    org.publish(dir)
    expect(changedKeys(org, () => org.publish(dir)).updates).toBe(0)
    const described = editInbox(dir, 'sales', { description: 'Only admins see this' }).directory
    expect(changedKeys(org, () => org.publish(described)).updates).toBe(0)
  })

  it('changes only the entries that differ, in one update', () => {
    const dir = sampleDirectory()
    const org = new OrgDoc(new Y.Doc())
    org.publish(dir)
    let next = editUser(dir, 'alice', { name: 'Alice M.' }).directory
    next = changeMembers(next, 'sales', { add: ['root'], remove: [] }).directory
    expect(changedKeys(org, () => org.publish(next))).toEqual({ users: ['alice'], inboxes: ['sales'], updates: 1 })
    expect(org.read().users.alice!.name).toBe('Alice M.')
    expect(org.read().inboxes.sales!.members).toEqual(['alice', 'bob', 'root'])
  })

  it('removes users and inboxes that are gone, including one named after an object property', () => {
    const dir = addUser(sampleDirectory(), { id: 'constructor', name: 'Con', licences: ['sms'] })
    const org = new OrgDoc(new Y.Doc())
    org.publish(dir)
    expect(Object.keys(org.read().users)).toContain('constructor')
    let next = removeUser(dir, 'constructor').directory
    next = removeUser(next, 'carol').directory
    expect(changedKeys(org, () => org.publish(next)).users).toEqual(['carol', 'constructor'])
    expect(Object.keys(org.read().users).sort()).toEqual(['alice', 'bob', 'root'])
  })
})
