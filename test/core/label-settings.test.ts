import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { EMPTY_DIRECTORY } from '../../core/directory.js'
import { addLabel, editLabel, removeLabel } from '../../core/label-settings.js'
import { OrgDoc } from '../../core/org-doc.js'
import { refusalOf } from '../helpers/core-fixtures.js'

describe('label settings', () => {
  it('adds a label with an id from its normalised name, and keeps the id when it is renamed', () => {
    const { directory, label } = addLabel(EMPTY_DIRECTORY, { name: '  Late   payer ', colour: 'red' })
    expect(label).toEqual({ id: 'late-payer', name: 'Late payer', colour: 'red' })
    const renamed = editLabel(directory, 'late payer', { name: 'Overdue', colour: 'yellow' }).label
    expect(renamed).toEqual({ id: 'late-payer', name: 'Overdue', colour: 'yellow' })
  })

  it('refuses a name already taken regardless of case, width and spacing, saying how it reads', () => {
    const dir = addLabel(EMPTY_DIRECTORY, { name: 'VIP', colour: 'purple' }).directory
    for (const name of ['vip', 'Vi\u200Bp']) {
      const error = refusalOf(() => addLabel(dir, { name, colour: 'blue' }))
      expect(error.code).toBe('conflict')
      expect(error.message).toMatch(/^A label named `VIP` already exists, and `.*` reads as the same name; label names are unique regardless of case and spacing\./)
    }
    // Full-width letters and spaces normalise to the very name.
    expect(refusalOf(() => addLabel(dir, { name: ' ＶＩＰ ', colour: 'blue' })).message).toMatch(/^A label named `VIP` already exists; label names are unique/)
    const other = addLabel(dir, { name: 'Billing', colour: 'orange' }).directory
    expect(refusalOf(() => editLabel(other, 'Billing', { name: 'vip' })).code).toBe('conflict')
    expect(editLabel(other, 'VIP', { name: 'vip' }).label).toEqual({ id: 'vip', name: 'vip', colour: 'purple' })
  })

  it('collects every problem of a new label in one refusal', () => {
    const error = refusalOf(() => addLabel(EMPTY_DIRECTORY, { name: '', colour: 'pink' as never }))
    expect(error.code).toBe('invalid')
    expect(error.message).toMatch(/^The label is not valid:/)
    expect(error.message).toMatch(/Label name `` is not valid/)
    expect(error.message).toMatch(/Colour `pink` is not one of the palette/)
  })

  it('never gives a removed label’s id to a new label, so old events do not label conversations with it', () => {
    let dir = addLabel(EMPTY_DIRECTORY, { name: 'VIP', colour: 'purple' }).directory
    dir = removeLabel(dir, 'VIP').directory
    expect(dir.labels).toEqual({})
    expect(dir.removedLabels).toEqual({ vip: { id: 'vip', name: 'VIP', colour: 'purple' } })
    expect(addLabel(dir, { name: 'VIP', colour: 'blue' }).label.id).toBe('vip-2')
  })

  it('refuses to change or remove a label that does not exist', () => {
    expect(refusalOf(() => editLabel(EMPTY_DIRECTORY, 'VIP', { colour: 'red' })).code).toBe('not-found')
    expect(refusalOf(() => removeLabel(EMPTY_DIRECTORY, 'VIP')).code).toBe('not-found')
  })

  it('publishes the catalogue and the removed labels to the org document', () => {
    let dir = addLabel(EMPTY_DIRECTORY, { name: 'VIP', colour: 'purple' }).directory
    dir = addLabel(dir, { name: 'Spam', colour: 'grey' }).directory
    dir = removeLabel(dir, 'spam').directory
    const org = new OrgDoc(new Y.Doc())
    org.publish(dir)
    const replica = new OrgDoc(new Y.Doc())
    Y.applyUpdate(replica.doc, Y.encodeStateAsUpdate(org.doc))
    expect(replica.readLabels()).toEqual({ vip: { id: 'vip', name: 'VIP', colour: 'purple' } })
    expect(replica.readRemovedLabels()).toEqual({ spam: { id: 'spam', name: 'Spam', colour: 'grey' } })
  })
})
