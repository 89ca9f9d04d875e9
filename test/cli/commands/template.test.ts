import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ADDRESS, ADMIN_TOKEN, startTestServer, type TestServer } from '../../helpers/client-server.js'
import { runInProcess } from '../../helpers/cli-run.js'
import { untilAnswered } from '../../helpers/until.js'

let server: TestServer
let base: string
const tokens: Record<string, string> = {}

beforeEach(async () => {
  server = await startTestServer()
  base = await mkdtemp(join(tmpdir(), 'huddle-template-commands-'))
  tokens.admin = ADMIN_TOKEN
  tokens.alice = (await server.api('POST', '/users', { id: 'alice', name: 'Alice', licences: ['sms', 'whatsapp'] })).token
  const inbox = await server.api('POST', '/inboxes', { name: 'Sales' })
  await server.api('POST', `/inboxes/${inbox.id}/members`, { add: ['alice'], remove: [] })
  await server.api('POST', '/routing/rules', { address: ADDRESS, toInbox: inbox.id, isDefault: true })
})

afterEach(async () => {
  await server.close()
  await rm(base, { recursive: true, force: true })
})

function huddle(user: string, ...argv: string[]): ReturnType<typeof runInProcess> {
  return runInProcess(argv, {
    env: {
      HOME: base,
      XDG_CONFIG_HOME: join(base, 'config'),
      XDG_DATA_HOME: join(base, `data-${user}`),
      HUDDLE_SERVER: server.url,
      HUDDLE_TOKEN: tokens[user] ?? 'hud_unknown-token',
    },
  })
}

async function customerWrites(channel: 'sms' | 'whatsapp', body: string): Promise<string> {
  return (await server.api('POST', '/inbound', { channel, from: '+447700900001', to: ADDRESS, body })).conversation
}

const SHIPPED = ['template', 'add', 'order_shipped', '--channel', 'whatsapp', '--body', 'Hi {{name}}, order {{order}} has shipped.']

describe('huddle template', () => {
  it('adds, lists, edits and removes templates', async () => {
    const added = await huddle('admin', ...SHIPPED, '--json')
    expect(added.code).toBe(0)
    expect(JSON.parse(added.stdout)).toEqual({
      name: 'order_shipped',
      channel: 'whatsapp',
      body: 'Hi {{name}}, order {{order}} has shipped.',
      kind: 'structured',
      placeholders: ['name', 'order'],
    })
    const list = await huddle('admin', 'template', 'list')
    expect(list.stdout).toMatch(/^NAME +CHANNEL +KIND +PLACEHOLDERS +BODY\norder_shipped +whatsapp +structured +name, order +Hi \{\{name\}\}/)
    const edited = await huddle('admin', 'template', 'edit', 'order_shipped', '--kind', 'flexible', '--json')
    expect(JSON.parse(edited.stdout)).toMatchObject({ kind: 'flexible' })
    expect((await huddle('admin', 'template', 'list', '--channel', 'sms', '--json')).stdout.trim()).toBe('[]')
    const removed = await huddle('admin', 'template', 'remove', 'order_shipped', '--yes')
    expect(removed.code).toBe(0)
    expect(removed.stderr).toContain('Removed template `order_shipped`.')
  })

  it('reports a body with too many placeholders', async () => {
    const result = await huddle('admin', 'template', 'add', 'many', '--channel', 'sms', '--body', '{{a}} {{b}} {{c}} {{d}} {{e}} {{f}}')
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('a template may have at most 5')
  })

  it('is refused to agents, saying what is missing', async () => {
    const result = await huddle('alice', ...SHIPPED)
    expect(result.code).toBe(4)
    expect(result.stderr).toContain('Changing settings needs the `admin` permission')
  })

  it('asks before removing, and refuses without a terminal or --yes', async () => {
    await huddle('admin', ...SHIPPED)
    const result = await huddle('admin', 'template', 'remove', 'order_shipped')
    expect(result.code).not.toBe(0)
    expect(result.stderr).toContain('pass `--yes`')
  })
})

describe('huddle conversation reply --template', () => {
  beforeEach(async () => {
    expect((await huddle('admin', ...SHIPPED)).code).toBe(0)
  })

  it('sends the rendered template and records which template and params', async () => {
    const c = await customerWrites('whatsapp', 'Where is my order?')
    const result = await huddle('alice', 'conversation', 'reply', c, '--template', 'order_shipped', '--param', 'name=Ada', '--param', 'order=#1042, #1043')
    expect(result.code).toBe(0)
    expect(result.stderr).toContain(`Replied in conversation ${c} with template order_shipped`)
    const outbox = await untilAnswered(async () => {
      const entries = (await server.api('GET', '/outbox')) as Array<{ body: string }>
      return entries.length > 0 ? entries : null
    }, 'the reply reaches the outbox')
    expect(outbox.map((e) => e.body)).toEqual(['Hi Ada, order #1042, #1043 has shipped.'])
    const shown = JSON.parse((await huddle('alice', 'conversation', 'show', c, '--json')).stdout) as { messages: Array<{ body: string }> }
    expect(shown.messages.map((m) => m.body)).toContain('Hi Ada, order #1042, #1043 has shipped.')
  })

  it.each<[string, string[], string]>([
    ['a missing param', ['--param', 'name=Ada'], 'Template `order_shipped` needs a value for order: give `--param order=…`.'],
    ['an unknown param', ['--param', 'name=Ada', '--param', 'order=1', '--param', 'colour=red'], 'Template `order_shipped` has no placeholder `colour`; its placeholders are name, order.'],
    ['a param without a value', ['--param', 'name', '--param', 'order=1'], 'Param `name` is not `name=value`'],
    ['edited text for a structured template', ['--param', 'name=Ada', '--param', 'order=1', '--body', 'Free words'], 'is structured: only its placeholders may change'],
  ])('refuses %s', async (_what, flags, message) => {
    const c = await customerWrites('whatsapp', 'Hello')
    const result = await huddle('alice', 'conversation', 'reply', c, '--template', 'order_shipped', ...flags)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(message)
  })

  it('refuses a template that does not exist', async () => {
    const c = await customerWrites('whatsapp', 'Hello')
    const result = await huddle('alice', 'conversation', 'reply', c, '--template', 'nope')
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('There is no template `nope`. List them with `huddle template list`.')
  })

  it('needs a body or a template', async () => {
    const c = await customerWrites('sms', 'Hello')
    const result = await huddle('alice', 'conversation', 'reply', c)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Say what to send: give `--body TEXT` (`--body -` reads standard input), `--body-file FILE`, or `--template NAME`')
  })

  it('refuses an SMS reply to a contact who texted STOP', async () => {
    const c = await customerWrites('sms', 'Hello')
    await customerWrites('sms', 'STOP')
    const result = await huddle('alice', 'conversation', 'reply', c, '--body', 'Are you sure?')
    expect(result.code).toBe(4)
    expect(result.stderr).toContain('texted STOP')
    expect(result.stderr).toContain('until they text START')
  })
})
