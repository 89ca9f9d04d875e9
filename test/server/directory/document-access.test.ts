import { describe, expect, it } from 'vitest'
import { findUser } from '../../../core/directory.js'
import { grantFor } from '../../../server/directory/document-access.js'
import { refusalOf, sampleDirectory } from '../../helpers/core-fixtures.js'

const dir = sampleDirectory()

describe('grantFor a personal inbox', () => {
  it('grants a licensed owner their personal inbox', () => {
    expect(grantFor(dir, findUser(dir, 'alice'), { kind: 'personal', owner: 'alice' }, null)).toEqual({
      kind: 'inbox',
      inbox: { kind: 'personal', owner: 'alice' },
    })
  })

  it('refuses an owner without a licence with the sentence of core permissions', () => {
    const error = refusalOf(() => grantFor(dir, findUser(dir, 'carol'), { kind: 'personal', owner: 'carol' }, null))
    expect(error.code).toBe('forbidden')
    expect(error.message).toBe('`carol` holds no digital licence, so has no personal inbox. Ask an admin: `huddle user edit carol --licence sms`.')
  })

  it.each(['alice', 'carol', 'nobody'])("tells another user nothing about whether %s's personal inbox exists", (owner) => {
    const error = refusalOf(() => grantFor(dir, findUser(dir, 'root'), { kind: 'personal', owner }, null))
    expect(error.code).toBe('forbidden')
    expect(error.message).toBe(`The personal inbox of \`${owner}\` can only be opened by its owner.`)
  })
})

describe('grantFor a settings document', () => {
  it('grants its owner theirs, licensed or not', () => {
    expect(grantFor(dir, findUser(dir, 'alice'), { kind: 'prefs', owner: 'alice' }, null)).toEqual({ kind: 'prefs', owner: 'alice' })
    expect(grantFor(dir, findUser(dir, 'carol'), { kind: 'prefs', owner: 'carol' }, null)).toEqual({ kind: 'prefs', owner: 'carol' })
  })

  it.each(['alice', 'nobody'])('refuses anyone else, an admin too, whether or not %s exists', (owner) => {
    const error = refusalOf(() => grantFor(dir, findUser(dir, 'root'), { kind: 'prefs', owner }, null))
    expect(error.code).toBe('forbidden')
    expect(error.message).toBe(`The saved views of \`${owner}\` can only be opened by \`${owner}\`; save your own with \`huddle view save\`.`)
  })
})
