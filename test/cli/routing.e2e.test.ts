import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCliOnce } from '../helpers/cli-binary.js'
import { startCliTestServer, type CliTestServer } from '../helpers/cli-server.js'

let server: CliTestServer
let agentToken = ''

const ADDRESS = '+15550100'

beforeAll(async () => {
  await buildCliOnce()
  server = await startCliTestServer()
  agentToken = ((await server.huddleJson(['user', 'add', 'alice', '--name', 'Alice', '--licence', 'sms'])) as { token: string }).token
  await server.huddleJson(['inbox', 'create', '--name', 'Billing'])
  await server.huddleJson(['inbox', 'create', '--name', 'Support'])
}, 120_000)

afterAll(async () => {
  await server?.close()
})

type Policy = { addresses: string[]; rules: { position: number; target: unknown; conditions: unknown }[]; defaultInbox: string | null }

describe('huddle routing', () => {
  it('adds rules in order, sets the default, lists and removes them', async () => {
    const first = (await server.huddleJson(['routing', 'add', '--address', ADDRESS, '--keyword', 'refund', '--to-inbox', 'Billing'])) as Policy
    expect(first).toMatchObject({ addresses: [ADDRESS], rules: [{ conditions: { keyword: 'refund' }, target: { kind: 'inbox', inbox: 'billing' } }], defaultInbox: null })

    await server.huddleJson(['routing', 'add', '--address', ADDRESS, '--channel', 'whatsapp', '--to-user', 'alice', '--position', '1'])
    await server.huddleJson(['routing', 'add', '--address', ADDRESS, '--to-inbox', 'support', '--default'])
    const [policy] = (await server.huddleJson(['routing', 'list'])) as Policy[]
    expect(policy).toMatchObject({
      rules: [
        { conditions: { channel: 'whatsapp' }, target: { kind: 'user', user: 'alice' } },
        { conditions: { keyword: 'refund' }, target: { kind: 'inbox', inbox: 'billing' } },
      ],
      defaultInbox: 'support',
    })

    const table = await server.huddle(['routing', 'list'])
    expect(table.stdout).toMatch(/^\+15550100 +1 +.*whatsapp.*alice/m)
    expect(table.stdout).toMatch(/^\+15550100 +2 +.*refund.*Billing/m)
    expect(table.stdout).toMatch(/^\+15550100 +default +.*support/m)

    const removed = (await server.huddleJson(['routing', 'remove', '--address', ADDRESS, '--position', '1'])) as Policy
    expect(removed.rules).toHaveLength(1)
    expect(removed.rules[0]).toMatchObject({ target: { kind: 'inbox', inbox: 'billing' } })
  })

  it('dry-runs a message: where it would go and by which rule, storing nothing', async () => {
    const byRule = await server.huddleJson(['routing', 'test', '--channel', 'sms', '--from', '+447700900001', '--to', ADDRESS, '--body', 'I want a refund'])
    expect(byRule).toEqual({ routed: 'rule 1', inbox: 'billing', rule: 1, description: expect.stringContaining('Rule 1') })
    const byDefault = await server.huddleJson(['routing', 'test', '--channel', 'sms', '--from', '+447700900001', '--to', ADDRESS, '--body', 'hello'])
    expect(byDefault).toMatchObject({ routed: 'default', inbox: 'support' })
    const nowhere = await server.huddle(['routing', 'test', '--channel', 'chat', '--from', 'v1', '--to', 'no-such-address', '--body', 'hi'])
    expect(nowhere.code).toBe(0)
    expect(nowhere.stdout).toMatch(/^routed +unrouted$/m)
    expect(nowhere.stderr).toContain('dry run')
    expect(await server.huddleJson(['routing', 'unrouted'])).toEqual([])
  })

  it('delivers inbound messages: {conversation, inbox, routed} by rule, default, existing or unrouted', async () => {
    const byRule = (await server.huddleJson(['inbound', '--channel', 'sms', '--from', '+447700900002', '--to', ADDRESS, '--body', 'refund please', '--id', 'SM-1'])) as Record<string, unknown>
    expect(Object.keys(byRule).sort()).toEqual(['conversation', 'inbox', 'routed'])
    expect(byRule).toEqual({ conversation: expect.any(String), inbox: 'billing', routed: 'rule 1' })

    const existing = await server.huddleJson(['inbound', '--channel', 'sms', '--from', '+447700900002', '--to', ADDRESS, '--body', 'any news?'])
    expect(existing).toEqual({ conversation: byRule.conversation, inbox: 'billing', routed: 'existing' })

    const byDefault = await server.huddleJson(['inbound', '--channel', 'sms', '--from', '+447700900003', '--to', ADDRESS, '--body', 'hello', '--name', 'Jo'])
    expect(byDefault).toMatchObject({ inbox: 'support', routed: 'default' })

    const unrouted = await server.huddleJson(['inbound', '--channel', 'chat', '--from', 'visitor-1', '--to', 'widget-x', '--body', 'anyone?'])
    expect(unrouted).toEqual({ conversation: null, inbox: null, routed: 'unrouted' })
  })

  it('normalises a sender written with spaces to E.164, so both forms thread together', async () => {
    const spaced = (await server.huddleJson(['inbound', '--channel', 'sms', '--from', '+44 7700 900777', '--to', ADDRESS, '--body', 'hello'])) as Record<string, unknown>
    const compact = await server.huddleJson(['inbound', '--channel', 'sms', '--from', '+447700900777', '--to', ADDRESS, '--body', 'again'])
    expect(compact).toEqual({ conversation: spaced.conversation, inbox: 'support', routed: 'existing' })
  })

  it('refuses a sender that is not a phone number, saying what one looks like (exit 1)', async () => {
    const result = await server.huddle(['inbound', '--channel', 'whatsapp', '--from', 'call me maybe', '--to', ADDRESS, '--body', 'hi'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('Sender `call me maybe` is not a phone number: give it in international form')
    expect(result.stdout).toBe('')
  })

  it('lists unrouted messages for admins', async () => {
    const list = (await server.huddleJson(['routing', 'unrouted'])) as Record<string, unknown>[]
    expect(list).toContainEqual(expect.objectContaining({ channel: 'chat', from: 'visitor-1', to: 'widget-x', body: 'anyone?' }))
    const table = await server.huddle(['routing', 'unrouted'])
    expect(table.stdout).toMatch(/^RECEIVED +CHANNEL +FROM +TO +BODY +WHY$/m)
    expect(table.stdout).toMatch(/chat +visitor-1 +widget-x +anyone\?/)
  })

  it('lists the outbox', async () => {
    expect(Array.isArray(await server.huddleJson(['outbox', 'list']))).toBe(true)
    const table = await server.huddle(['outbox', 'list'])
    expect(table.code).toBe(0)
  })
})

describe('refusals of routing commands', () => {
  const cases: readonly { title: string; argv: string[]; asAgent?: boolean; code: number; says: string }[] = [
    { title: 'a basic user may not list routing', argv: ['routing', 'list'], asAgent: true, code: 4, says: 'admin' },
    { title: 'a basic user may not deliver inbound messages', argv: ['inbound', '--channel', 'sms', '--from', 'a', '--to', 'b', '--body', 'c'], asAgent: true, code: 4, says: 'admin' },
    { title: 'a basic user may not read the outbox', argv: ['outbox', 'list'], asAgent: true, code: 4, says: 'admin' },
    { title: 'a rule to an unknown inbox is an error', argv: ['routing', 'add', '--address', ADDRESS, '--to-inbox', 'Nowhere'], code: 1, says: 'There is no inbox `Nowhere`' },
    { title: 'a rule to an unknown user is an error', argv: ['routing', 'add', '--address', ADDRESS, '--to-user', 'ghost'], code: 1, says: 'There is no user `ghost`' },
    { title: 'removing a rule of an unbound address is an error', argv: ['routing', 'remove', '--address', '+19999', '--position', '1'], code: 1, says: 'No routing policy is bound to `+19999`' },
    { title: 'removing a rule that does not exist is an error', argv: ['routing', 'remove', '--address', ADDRESS, '--position', '9'], code: 1, says: 'has no rule 9' },
    { title: 'a bad channel is a usage error', argv: ['routing', 'test', '--channel', 'fax', '--from', 'a', '--to', 'b', '--body', 'c'], code: 2, says: 'The value `fax` of `--channel`' },
    { title: 'a rule without a target is a usage error', argv: ['routing', 'add', '--address', ADDRESS], code: 2, says: '--to-inbox INBOX' },
    { title: 'an inbound message without a body is a usage error', argv: ['inbound', '--channel', 'sms', '--from', 'a', '--to', 'b'], code: 2, says: 'The flag `--body` is required.' },
  ]

  it.each(cases)('$title (exit $code)', async ({ argv, asAgent, code, says }) => {
    const result = await server.huddle(argv, asAgent ? { token: agentToken } : {})
    expect(result.code).toBe(code)
    expect(result.stderr).toContain(says)
    expect(result.stdout).toBe('')
  })
})
