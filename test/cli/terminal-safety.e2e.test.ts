import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCliOnce } from '../helpers/cli-binary.js'
import { startCliTestServer, type CliTestServer } from '../helpers/cli-server.js'
import { findUnsafe, HOSTILE_TEXTS } from '../helpers/hostile-text.js'

let server: CliTestServer
let agentToken = ''
const ADDRESS = '+15550177'
const ids: string[] = []
// A process argument cannot hold NUL, so the command line is given the rest of the corpus.
const TEXTS = HOSTILE_TEXTS.filter(({ text }) => !text.includes('\u0000'))

beforeAll(async () => {
  await buildCliOnce()
  server = await startCliTestServer()
  agentToken = ((await server.huddleJson(['user', 'add', 'alice', '--name', 'Alice', '--licence', 'sms'])) as { token: string }).token
  await server.huddleJson(['inbox', 'create', '--name', 'Support'])
  await server.huddleJson(['inbox', 'members', 'Support', '--add', 'alice'])
  await server.huddleJson(['routing', 'add', '--address', ADDRESS, '--to-inbox', 'support', '--default'])
  for (const [i, { text }] of TEXTS.entries()) {
    const delivered = (await server.huddleJson(['inbound', '--channel', 'sms', '--from', `+4477009001${String(i).padStart(2, '0')}`, '--to', ADDRESS, '--body', text])) as { conversation: string }
    ids.push(delivered.conversation)
  }
}, 180_000)

afterAll(async () => {
  await server?.close()
})

describe('customer text on the command line', () => {
  it('lists hostile previews with no escape, control or bidi character reaching the terminal', async () => {
    const listed = await server.huddle(['conversation', 'list'], { token: agentToken })
    expect(listed.code).toBe(0)
    expect(listed.stdout).toContain('␛]0;pwned␇')
    expect(findUnsafe(listed.stdout)).toBeNull()
    expect(findUnsafe(listed.stderr)).toBeNull()
  })

  it('shows each hostile message made visible, and its JSON keeps the exact text', async () => {
    for (const [i, id] of ids.entries()) {
      const shown = await server.huddle(['conversation', 'show', id], { token: agentToken })
      expect(shown.code).toBe(0)
      expect(findUnsafe(shown.stdout), TEXTS[i]!.name).toBeNull()
      const json = await server.huddle(['conversation', 'show', id, '--json'], { token: agentToken })
      expect(findUnsafe(json.stdout), TEXTS[i]!.name).toBeNull()
      const detail = JSON.parse(json.stdout) as { messages: { body: string }[] }
      expect(detail.messages[0]!.body).toBe(TEXTS[i]!.text.replace(/\ud83d(?![\udc00-\udfff])/g, '\ufffd'))
    }
    // Two CLI processes per hostile text, one after the other: more than the default 30 s on a busy machine.
  }, 120_000)
})
