import { describe, expect, it } from 'vitest'
import { parseNewVisitor, parseVisitorPost } from '../../../core/http-contract/chat-contract.js'
import { parseInboxPatch, parseMembersChange, parseNewInbox } from '../../../core/http-contract/inbox-contract.js'
import { parseInboundBody } from '../../../core/http-contract/inbound-contract.js'
import { fieldsOf } from '../../../core/http-contract/request-fields.js'
import { parseNewTemplate, parseTemplatePatch } from '../../../core/http-contract/template-contract.js'
import { parseNewUser, parseUserPatch } from '../../../core/http-contract/user-contract.js'
import { toPlainValue } from '../../../core/plain-value.js'
import { refusalOf } from '../../helpers/core-fixtures.js'

/** A body as the HTTP edge hands it over: JSON text parsed into plain data. */
const body = (value: unknown) => toPlainValue(JSON.parse(JSON.stringify(value)), 'The request body')

describe('request bodies become domain values at the edge', () => {
  it('a new user: typed, with only the fields given', () => {
    expect(parseNewUser(body({ id: 'alice', name: 'Alice', licences: ['sms'] }))).toEqual({ id: 'alice', name: 'Alice', licences: ['sms'] })
    expect(parseUserPatch(body({ permission: 'admin' }))).toEqual({ permission: 'admin' })
  })

  it('a user with every kind of problem is refused with all of them at once', () => {
    const error = refusalOf(() => parseNewUser(body({ id: 'Bad Id', name: '', permission: 'owner', licences: ['fax', 'sms'] })))
    expect(error.code).toBe('invalid')
    expect(error.message.split('\n')[0]).toBe('The user is not valid:')
    expect(error.problems).toEqual([
      expect.stringContaining('User id `Bad Id` is not valid'),
      expect.stringContaining('User name `` is not valid'),
      'Permission `owner` is not one of basic, team-leader, admin.',
      'Licence `fax` is not one of sms, whatsapp, chat.',
    ])
    expect(refusalOf(() => parseUserPatch(body({ name: '', permission: 'boss', licences: 'sms' }))).problems).toHaveLength(3)
  })

  it('an inbox, its change and a membership change', () => {
    expect(parseNewInbox(body({ name: 'Sales' }))).toEqual({ name: 'Sales' })
    expect(parseInboxPatch(body({ reopenArchived: true, description: 'EU' }))).toEqual({ reopenArchived: true, description: 'EU' })
    expect(parseMembersChange(body({ add: ['alice'] }))).toEqual({ add: ['alice'], remove: [] })
    expect(refusalOf(() => parseMembersChange(body({ add: 'alice', remove: [1] }))).problems).toEqual([
      'Field `add` must be a list of strings, e.g. ["alice", "bob"].',
      'Field `remove` must be a list of strings, e.g. ["alice", "bob"].',
    ])
  })

  it.each([['yes'], [1]])('refuses %j as the reopen setting', (value) => {
    expect(refusalOf(() => parseInboxPatch(body({ reopenArchived: value }))).message).toContain('use true or false')
  })

  it('a template: every problem at once, in the order of the fields', () => {
    expect(refusalOf(() => parseNewTemplate(body({ name: 'Bad Name', channel: 'fax', body: '', kind: 'loose' }))).problems).toEqual([
      expect.stringContaining('Template name `Bad Name` is not valid'),
      'Channel `fax` is not one of sms, whatsapp, chat.',
      'Template kind `loose` is not one of structured, flexible.',
      'A template body needs 1–1024 characters; it has 0.',
    ])
    expect(parseTemplatePatch(body({ kind: 'flexible' }))).toEqual({ kind: 'flexible' })
  })

  it('an inbound message, and a chat visitor’s bodies', () => {
    expect(parseInboundBody(body({ channel: 'sms', from: '+44 7700 900123', to: '+15550100', body: 'hi' }))).toMatchObject({ from: '+447700900123' })
    expect(parseNewVisitor(body({ name: '  Ann   Lee ' }))).toEqual({ name: 'Ann Lee' })
    expect(parseVisitorPost(body({ body: 'hello', id: 'w1' }))).toEqual({ body: 'hello', id: 'w1' })
  })

  it('fields an endpoint does not take are refused, naming them', () => {
    expect(refusalOf(() => fieldsOf(body({ name: 'x', colour: 'red' }), ['name'])).message).toBe('Field `colour` is not accepted here; use name.')
  })
})
