/**
 * Hostile content and names through the real server (HTTP API, sync, outbox,
 * LevelDB) with stock y-websocket providers: values whose keys reach an
 * object's prototype, stamps out of bounds, malformed label and priority
 * events, and document names that are not
 * written the one canonical way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { ConversationDoc } from '../../../core/conversation-doc.js'
import { formatHlc } from '../../../core/hlc.js'
import { InboxDoc } from '../../../core/inbox-doc.js'
import { MAX_FUTURE_STAMP_MS } from '../../../core/update-rules.js'
import { CLOSE_CODES, HUDDLE_VERSION, MESSAGE, type Rejection } from '../../../core/wire.js'
import { customerWrites, seedTeam, startTestServer, type Team, type TestServer } from '../../helpers/client-server.js'
import { rawUpgrade } from '../../helpers/raw-upgrade.js'
import { until, untilAnswered } from '../../helpers/until.js'

let server: TestServer
let team: Team
let conversation: string

type Client = {
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  readonly rejections: Rejection[]
  readonly closed: Promise<{ code: number; reason: string }>
  destroy(): void
}

const clients: Client[] = []

function open(docName: string, user = 'alice'): Client {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/sync`, docName, doc, {
    params: { token: team.tokens[user]!, client: HUDDLE_VERSION },
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
    maxBackoffTime: 200,
  })
  const rejections: Rejection[] = []
  provider.messageHandlers[MESSAGE.hello] = () => {}
  provider.messageHandlers[MESSAGE.ack] = () => {}
  provider.messageHandlers[MESSAGE.rejected] = (_e, decoder) => rejections.push(JSON.parse(decoding.readVarString(decoder)) as Rejection)
  const closed = new Promise<{ code: number; reason: string }>((resolve) => provider.on('closed', (event) => resolve(event)))
  const client = { doc, provider, rejections, closed, destroy: () => provider.destroy() }
  clients.push(client)
  return client
}

async function synced(docName: string): Promise<Client> {
  const client = open(docName)
  await until(() => client.provider.synced, `${docName} synced`)
  return client
}

/** Parsed from JSON, so `__proto__` is an own key, which lib0 encodes as it stands and decodes into the prototype. */
function hostile(json: string): Record<string, unknown> {
  return JSON.parse(json) as Record<string, unknown>
}

type Sent = { readonly messageId: string; readonly body: string }

/** The outbox once it holds reply `messageId`. */
async function outboxWith(messageId: string): Promise<Sent[]> {
  const started = Date.now()
  for (;;) {
    const sent = (await server.api('GET', '/outbox')) as Sent[]
    if (sent.some((entry) => entry.messageId === messageId)) return sent
    if (Date.now() - started > 5000) throw new Error(`Timed out waiting until reply ${messageId} is in the outbox`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const HOSTILE_IDS = ['r-proto', 'r-nested', 'n-proto', 'n-ctor']

beforeAll(async () => {
  server = await startTestServer()
  team = await seedTeam(server, ['alice', 'bob'])
  conversation = await customerWrites(server, '+15555550123', 'Hello?')
})

afterAll(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server.close()
})

describe('values whose keys reach an object’s prototype', () => {
  const basisOf = (doc: Y.Doc): string => JSON.stringify({ assignee: null, lastInbound: new ConversationDoc(doc).lastInbound()!.id })

  it.each<[string, (doc: Y.Doc, at: number) => void, string]>([
    [
      'a reply whose body sits in `__proto__`',
      (doc, at) => new ConversationDoc(doc).messages.push([hostile(`{"id":"r-proto","direction":"out","author":"alice","at":${at},"basis":${basisOf(doc)},"__proto__":{"body":"Your code is 1234"}}`) as never]),
      "the value written at `messages` holds the key `__proto__`, which is never accepted as it names an object's prototype",
    ],
    [
      'a reply whose basis hides in a nested `__proto__`',
      (doc, at) => new ConversationDoc(doc).messages.push([hostile(`{"id":"r-nested","direction":"out","author":"alice","body":"Hi","at":${at},"basis":{"__proto__":${basisOf(doc)}}}`) as never]),
      'holds the key `__proto__` at `basis`',
    ],
    [
      'a note whose body sits in `__proto__`',
      (doc, at) => new ConversationDoc(doc).notes.push([hostile(`{"id":"n-proto","author":"alice","at":${at},"mentions":[],"__proto__":{"body":"hidden"}}`) as never]),
      'the value written at `notes` holds the key `__proto__`',
    ],
    [
      'a note with an own `constructor` key',
      (doc, at) => {
        // Yjs only takes objects whose `constructor` is Object; lib0 then encodes the function as `undefined`.
        const note = { id: 'n-ctor', author: 'alice', body: 'x', at, mentions: [] }
        Object.defineProperty(note, 'constructor', { value: Object, enumerable: true })
        new ConversationDoc(doc).notes.push([note])
      },
      'holds the key `constructor`',
    ],
  ])('%s is refused as invalid with the reason, and neither stored nor dispatched', async (_what, write, reason) => {
    const client = await synced(`conversation/${conversation}`)
    write(client.doc, Date.now())
    await until(() => client.rejections.length > 0, 'the refusal arrives')
    expect(client.rejections[0]).toEqual({ code: 'invalid', message: expect.stringContaining(reason) })
    // A sound reply after it, from another client (the refused change stays in the first one's
    // history, so its later updates build on it): once it is sent, the refused one would have been too.
    const other = await synced(`conversation/${conversation}`)
    const id = `r-ok-${clients.length}`
    new ConversationDoc(other.doc).appendMessage({ id, direction: 'out', author: 'alice', body: 'A sound reply', at: Date.now(), basis: JSON.parse(basisOf(other.doc)) })
    const sent = await outboxWith(id)
    expect(sent.map((entry) => entry.body)).not.toContain('Your code is 1234')
    expect(sent.map((entry) => entry.messageId).filter((sentId) => HOSTILE_IDS.includes(sentId))).toEqual([])
    const fresh = new ConversationDoc((await synced(`conversation/${conversation}`)).doc)
    const stored = [...fresh.messages.toArray(), ...fresh.notes.toArray()].map((value) => value.id)
    expect(stored).toContain(id)
    expect(stored.filter((storedId) => HOSTILE_IDS.includes(storedId))).toEqual([])
  })

  it('an assignment event whose kind sits in `__proto__` is refused and not stored', async () => {
    const client = await synced(`inbox/${team.inbox}`)
    const at = formatHlc({ ms: Date.now(), counter: 0 })
    const events = new InboxDoc(client.doc).storedEvents(conversation)!
    events.push([hostile(`{"id":"e-proto","actor":"alice","at":"${at}","saw":null,"__proto__":{"kind":"claim"}}`)])
    await until(() => client.rejections.length > 0, 'the refusal arrives')
    expect(client.rejections[0]).toEqual({ code: 'invalid', message: expect.stringContaining('holds the key `__proto__`') })
    const fresh = await synced(`inbox/${team.inbox}`)
    expect(new InboxDoc(fresh.doc).events(conversation).map((e) => e.id)).not.toContain('e-proto')
  })
})

describe('stamps out of bounds', () => {
  const DAY = 24 * 60 * 60_000

  it.each<[string, string, (doc: Y.Doc) => void, string]>([
    ['a reply dated 1971', 'conversation', (doc) => replyAt(doc, Date.UTC(1971, 0, 1)), 'reply `r-stamp` is stamped before 2020'],
    ['a reply two days ahead', 'conversation', (doc) => replyAt(doc, Date.now() + 2 * DAY), 'reply `r-stamp` is stamped more than a day in the future'],
    [
      'a note ten years ahead',
      'conversation',
      (doc) => new ConversationDoc(doc).appendNote({ id: 'n-stamp', author: 'alice', body: 'Later', at: Date.now() + 3650 * DAY, mentions: [] }),
      'note `n-stamp` is stamped more than a day in the future',
    ],
    [
      'a note dated 1971',
      'conversation',
      (doc) => new ConversationDoc(doc).appendNote({ id: 'n-stamp', author: 'alice', body: 'Early', at: Date.UTC(1971, 0, 1), mentions: [] }),
      'note `n-stamp` is stamped before 2020',
    ],
    [
      'a claim dated 1971',
      'inbox',
      (doc) => new InboxDoc(doc).appendEvent(conversation, { id: 'e-stamp', kind: 'claim', actor: 'alice', at: formatHlc({ ms: Date.UTC(1971, 0, 1), counter: 0 }), saw: null }),
      'event `e-stamp` is stamped before 2020',
    ],
    [
      'a claim more than a day ahead',
      'inbox',
      (doc) => new InboxDoc(doc).appendEvent(conversation, { id: 'e-stamp', kind: 'claim', actor: 'alice', at: formatHlc({ ms: Date.now() + MAX_FUTURE_STAMP_MS + DAY, counter: 0 }), saw: null }),
      'event `e-stamp` is stamped more than a day in the future',
    ],
  ])('%s is refused as invalid', async (_what, kind, write, reason) => {
    const name = kind === 'inbox' ? `inbox/${team.inbox}` : `conversation/${conversation}`
    const client = await synced(name)
    write(client.doc)
    await until(() => client.rejections.length > 0, 'the refusal arrives')
    expect(client.rejections[0]).toEqual({ code: 'invalid', message: expect.stringContaining(reason) })
    const fresh = await synced(name)
    const ids = kind === 'inbox' ? new InboxDoc(fresh.doc).events(conversation).map((e) => e.id) : [...new ConversationDoc(fresh.doc).messages.toArray(), ...new ConversationDoc(fresh.doc).notes.toArray()].map((v) => v.id)
    expect(ids.filter((id) => id.includes('stamp'))).toEqual([])
  })

  function replyAt(doc: Y.Doc, at: number): void {
    const lastInbound = new ConversationDoc(doc).lastInbound()!.id
    new ConversationDoc(doc).appendMessage({ id: 'r-stamp', direction: 'out', author: 'alice', body: 'When?', at, basis: { assignee: null, lastInbound } })
  }
})

describe('well-formed updates this user may not make', () => {
  it('a note signed with a colleague’s name is refused as forbidden, and not stored', async () => {
    const client = await synced(`conversation/${conversation}`)
    new ConversationDoc(client.doc).appendNote({ id: 'n-forged', author: 'bob', body: 'Bob agrees', at: Date.now(), mentions: [] })
    await until(() => client.rejections.length > 0, 'the refusal arrives')
    expect(client.rejections[0]).toEqual({ code: 'forbidden', message: expect.stringContaining('note `n-forged` claims author `bob` but you are `alice`') })
    const fresh = await synced(`conversation/${conversation}`)
    expect(new ConversationDoc(fresh.doc).notes.toArray().map((n) => n.id)).not.toContain('n-forged')
  })
})

describe('the stored form of assignment events', () => {
  const inboxName = (): string => `inbox/${team.inbox}`

  it('an event a stock provider appends in the original object form is stored and read back as the same event', async () => {
    const client = await synced(inboxName())
    const event = { id: 'e-object', kind: 'claim' as const, actor: 'alice', at: formatHlc({ ms: Date.now(), counter: 0 }), saw: null }
    new InboxDoc(client.doc).storedEvents(conversation)!.push([event])
    const stored = await untilAnswered(async () => {
      const fresh = await synced(inboxName())
      return new InboxDoc(fresh.doc).events(conversation).find((e) => e.id === 'e-object') ?? null
    }, 'the event is stored')
    expect(stored).toEqual(event)
    expect(client.rejections).toEqual([])
  })

  it('an event tuple naming its kind rather than its index is refused and not stored', async () => {
    const client = await synced(inboxName())
    new InboxDoc(client.doc).storedEvents(conversation)!.push([['e-named', 'claim', 'alice', Date.now(), 0, null]])
    await until(() => client.rejections.length > 0, 'the refusal arrives')
    expect(client.rejections[0]).toEqual({ code: 'invalid', message: expect.stringContaining('holds its kind as a number') })
    const fresh = await synced(inboxName())
    expect(new InboxDoc(fresh.doc).events(conversation).map((e) => e.id)).not.toContain('e-named')
  })
})

describe('malformed label and priority events', () => {
  const inboxName = (): string => `inbox/${team.inbox}`
  const stamp = (): { ms: number; at: string } => {
    const ms = Date.now()
    return { ms, at: formatHlc({ ms, counter: 0 }) }
  }

  it.each<[string, (events: Y.Array<unknown>) => void, string]>([
    ['a label tuple with no label', (events) => events.push([['e-label-bare', 9, 'alice', stamp().ms, 0, null]]), 'only a `label` or `unlabel` event names `label`, and it must'],
    ['a label naming the label by its name', (events) => events.push([['e-label-name', 9, 'alice', stamp().ms, 0, null, 'Key account']]), 'not `Key account`'],
    ['an unlabel object naming a number', (events) => events.push([{ id: 'e-unlabel-num', kind: 'unlabel', actor: 'alice', at: stamp().at, saw: null, label: 42 }]), 'only a `label` or `unlabel` event names `label`'],
    ['a priority off the list', (events) => events.push([['e-priority-bad', 11, 'alice', stamp().ms, 0, null, 'critical']]), 'one of urgent, high, normal, low, not `critical`'],
    ['a priority object with no priority', (events) => events.push([{ id: 'e-priority-none', kind: 'priority', actor: 'alice', at: stamp().at, saw: null }]), 'only a `priority` event names `priority`, and it must'],
    ['a claim carrying a priority', (events) => events.push([{ id: 'e-claim-priority', kind: 'claim', actor: 'alice', at: stamp().at, saw: null, priority: 'urgent' }]), 'only a `priority` event names `priority`'],
  ])('%s is refused as invalid, and not stored', async (_what, write, reason) => {
    const client = await synced(inboxName())
    write(new InboxDoc(client.doc).storedEvents(conversation)! as Y.Array<unknown>)
    await until(() => client.rejections.length > 0, 'the refusal arrives')
    expect(client.rejections[0]).toEqual({ code: 'invalid', message: expect.stringContaining(reason) })
    const fresh = await synced(inboxName())
    expect(new InboxDoc(fresh.doc).events(conversation).map((e) => e.id).filter((id) => /label|priority/.test(id))).toEqual([])
  })

  it('a label added as a colleague is refused as forbidden; one added as oneself is stored and folded', async () => {
    const forger = await synced(inboxName())
    new InboxDoc(forger.doc).appendEvent(conversation, { id: 'e-forged-label', kind: 'label', actor: 'bob', at: stamp().at, saw: null, label: 'vip' })
    await until(() => forger.rejections.length > 0, 'the refusal arrives')
    expect(forger.rejections[0]).toEqual({ code: 'forbidden', message: expect.stringContaining('claims actor `bob` but you are `alice`') })
    const honest = await synced(inboxName())
    new InboxDoc(honest.doc).appendEvent(conversation, { id: 'e-honest-label', kind: 'label', actor: 'alice', at: stamp().at, saw: null, label: 'vip' })
    new InboxDoc(honest.doc).appendEvent(conversation, { id: 'e-honest-priority', kind: 'priority', actor: 'alice', at: stamp().at, saw: null, priority: 'urgent' })
    const state = await untilAnswered(async () => {
      const fresh = new InboxDoc((await synced(inboxName())).doc)
      return fresh.events(conversation).some((e) => e.id === 'e-honest-priority') ? fresh.state(conversation, () => true) : null
    }, 'the label and priority are stored')
    expect([state.labels, state.priority]).toEqual([['vip'], 'urgent'])
    expect(honest.rejections).toEqual([])
  })
})

describe('document names', () => {
  it.each([
    ['inbox/../org'],
    ['inbox/sales/../../org'],
    ['inbox/%2e%2e/org'],
    ['inbox%2f..%2forg'],
    ['%6frg'],
    ['./org'],
    ['inbox/./x/../../org'],
    ['inbox\\..\\org'],
    ['inbox//x'],
    ['org/'],
  ])('`/sync/%s` is refused as invalid, which a stock provider does not retry', async (name) => {
    expect(await rawUpgrade(server.url, `/sync/${name}?token=${team.tokens.alice}`)).toBe(`close ${CLOSE_CODES.invalid}`)
  })

  it('`inbox/constructor` is answered as no such inbox, once', async () => {
    const client = open('inbox/constructor')
    const closed = await client.closed
    expect(closed.code).toBe(CLOSE_CODES.notFound)
    expect(closed.reason).toContain('There is no inbox `inbox/constructor`')
    expect(server.logs.join('\n')).not.toMatch(/Connection failed/)
  })
})
