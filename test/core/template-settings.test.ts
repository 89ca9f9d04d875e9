import type { TemplateFields } from '../../core/template.js'
import { describe, expect, it } from 'vitest'
import { EMPTY_DIRECTORY } from '../../core/directory.js'
import * as Y from 'yjs'
import { OrgDoc } from '../../core/org-doc.js'
import { addTemplate, editTemplate, listTemplates, removeTemplate } from '../../core/template-settings.js'
import { refusalOf } from '../helpers/core-fixtures.js'

const input: TemplateFields = { name: 'order_shipped', channel: 'whatsapp', body: 'Order {{order}} shipped.' }

describe('template settings', () => {
  it('adds, lists by name, edits and removes templates', () => {
    let dir = addTemplate(EMPTY_DIRECTORY, input).directory
    dir = addTemplate(dir, { name: 'a_thanks', channel: 'chat', body: 'Thanks!', kind: 'flexible' }).directory
    expect(listTemplates(dir).map((t) => t.name)).toEqual(['a_thanks', 'order_shipped'])
    const edited = editTemplate(dir, 'order_shipped', { body: 'Order {{order}} for {{name}} shipped.', kind: 'flexible' })
    expect(edited.template).toEqual({ name: 'order_shipped', channel: 'whatsapp', body: 'Order {{order}} for {{name}} shipped.', kind: 'flexible', placeholders: ['order', 'name'] })
    expect(removeTemplate(edited.directory, 'a_thanks').directory.templates).not.toHaveProperty('a_thanks')
  })

  it('refuses a duplicate name', () => {
    const dir = addTemplate(EMPTY_DIRECTORY, input).directory
    const error = refusalOf(() => addTemplate(dir, input))
    expect(error.code).toBe('conflict')
    expect(error.message).toBe('Template `order_shipped` already exists. Change it with `huddle template edit order_shipped`.')
  })

  it('refuses an edit that breaks the rules, keeping the template', () => {
    const dir = addTemplate(EMPTY_DIRECTORY, input).directory
    expect(refusalOf(() => editTemplate(dir, 'order_shipped', { body: 'x'.repeat(1025) })).code).toBe('invalid')
    expect(refusalOf(() => editTemplate(dir, 'missing', { body: 'x' })).code).toBe('not-found')
    expect(refusalOf(() => removeTemplate(dir, 'missing')).code).toBe('not-found')
  })

  it('publishes templates to the org document for agents', () => {
    const dir = addTemplate(EMPTY_DIRECTORY, input).directory
    const org = new OrgDoc(new Y.Doc())
    org.publish(dir)
    const replica = new Y.Doc()
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(org.doc))
    expect(new OrgDoc(replica).readTemplates()).toEqual(dir.templates)
    org.publish(removeTemplate(dir, 'order_shipped').directory)
    expect(org.readTemplates()).toEqual({})
  })
})
