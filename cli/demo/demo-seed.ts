/**
 * The demo's first run: the organisation (users, inboxes, members, routing)
 * through the HTTP API as the admin; a few hundred conversations through the
 * inbound API, as customers; then the team's work on them through the client
 * library, as each agent — claims, take-overs, replies, notes mentioning the
 * demo agent, archives — and, for the demo agent, a claim that loses to a
 * colleague's, a conversation taken over from them, a reply held because
 * the customer wrote again while they were offline, conversations assigned to
 * them (WhatsApp ones with the 24-hour window open and closed) and a contact
 * who texted STOP. Every line comes from the conversation's script, said in
 * order (see conversation-script.ts).
 */
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { HuddleClient } from '../client/huddle-client.js'
import { LevelReplicaStore } from '../client/level-replica-store.js'
import { syncUrlOf } from '../client/replica-location.js'
import { HuddleError } from '../../core/errors.js'
import type { Channel } from '../../core/users.js'
import { WHATSAPP_WINDOW_MS } from '../../core/whatsapp-window.js'
import { demoApi, type DemoApi } from './demo-api.js'
import { closeDemoClients, openDemoClients, untilReady } from './demo-clients.js'
import { DEMO_ADDRESSES, DEMO_AGENT, DEMO_INBOXES, DEMO_RULES, DEMO_TEMPLATES, DEMO_USERS, DEMO_VIP_PREFIX } from './demo-org.js'
import { seededRandom } from '../../core/seeded-random.js'
import { openedConversation, scriptLines, takeNextLine, type ScriptPart } from './conversation-script.js'
import type { DemoClock } from './demo-clock.js'
import { fill, newCustomer, pick, SCENARIOS, type DemoCustomer, type Random, type Scenario } from './demo-script.js'
import type { DemoConversation } from './demo-state.js'

export const SEED_CONVERSATIONS = 320
/** WhatsApp customers who wrote yesterday afternoon and not since: only a structured template may answer them. */
export const YESTERDAY_CONVERSATIONS = 4
/** How long ago yesterday's customers wrote: past WhatsApp's window. */
const YESTERDAY_MS = WHATSAPP_WINDOW_MS + 2 * 60 * 60_000

export type SeedResult = {
  readonly tokens: Readonly<Record<string, string>>
  readonly conversations: readonly DemoConversation[]
  /** Conversations the demo agent should find unread: the newest, and those their notices are about. */
  readonly unread: readonly string[]
}

type Say = (line: string) => void

function channelFor(random: Random): Channel {
  const roll = random()
  return roll < 0.45 ? 'sms' : roll < 0.75 ? 'whatsapp' : 'chat'
}

function contactFor(random: Random, channel: Channel): string {
  if (channel === 'chat') return `visitor-${Math.floor(random() * 0xffffff).toString(16).padStart(6, '0')}`
  let number: string
  do number = String(Math.floor(random() * 9_000_000) + 1_000_000)
  while (number.startsWith('777'))
  return `+1555${number}`
}

function nameFor(random: Random, channel: Channel, customer: DemoCustomer): string | null {
  const known = channel === 'whatsapp' ? 0.85 : channel === 'chat' ? 0.7 : 0.35
  return random() < known ? `${customer.first} ${customer.last}` : null
}

export async function customerWrites(api: DemoApi, c: Pick<DemoConversation, 'channel' | 'from' | 'name'>, body: string): Promise<{ conversation: string | null; inbox: string | null }> {
  const answer = (await api('POST', '/inbound', {
    channel: c.channel,
    from: c.from,
    to: DEMO_ADDRESSES[c.channel],
    body,
    ...(c.name ? { name: c.name } : {}),
  })) as { conversation: string | null; inbox: string | null }
  return answer
}

/** A customer of a scenario of `topic` opens a conversation on `channel`; null when routing kept it (unrouted). */
async function customerOpens(api: DemoApi, random: Random, topic: Scenario['topic'], channel: Channel): Promise<DemoConversation | null> {
  const scenarios = SCENARIOS.map((s, index) => ({ s, index })).filter(({ s }) => s.topic === topic)
  const { s: scenario, index } = pick(random, scenarios)
  const opening = Math.floor(random() * scenario.openings.length)
  const customer = newCustomer(random)
  const draft = { channel, from: contactFor(random, channel), name: nameFor(random, channel, customer) }
  const answer = await customerWrites(api, draft, fill(scenario.openings[opening]!, customer))
  if (!answer.conversation || !answer.inbox) return null
  return openedConversation({ ...draft, id: answer.conversation, inbox: answer.inbox, scenario: index, opening, vars: customer.vars })
}

/** The next line of the script, which the story needs: a script too short for it is a mistake in the demo. */
function line(c: DemoConversation, part: ScriptPart, agent?: string): string {
  const next = takeNextLine(c, part, agent)
  if (next === null) throw new Error(`The demo's script of scenario ${c.scenario} has no ${part} line ${c.said[part] + 1} for the seed's story.`)
  return next
}

/** Yesterday's WhatsApp customers: they opened and chased, and nobody answered within the window. */
async function createYesterday(api: DemoApi, random: Random, say: Say): Promise<DemoConversation[]> {
  say('Yesterday’s WhatsApp messages arrive…')
  const conversations: DemoConversation[] = []
  for (let i = 0; i < YESTERDAY_CONVERSATIONS; i++) {
    const c = await customerOpens(api, random, 'support', 'whatsapp')
    if (!c) continue
    await customerWrites(api, c, line(c, 'customer'))
    conversations.push(c)
  }
  return conversations
}

async function createOrganisation(api: DemoApi, say: Say): Promise<{ tokens: Record<string, string>; inboxes: Record<string, string> }> {
  say('Creating Northwind Cycles: agents, inboxes, routing and templates…')
  const tokens: Record<string, string> = {}
  for (const user of DEMO_USERS) {
    const created = (await api('POST', '/users', { id: user.id, name: user.name, permission: user.permission, licences: user.licences })) as { token: string }
    tokens[user.id] = created.token
  }
  const inboxes: Record<string, string> = {}
  for (const inbox of DEMO_INBOXES) {
    const created = (await api('POST', '/inboxes', { name: inbox.name, description: inbox.description })) as { id: string }
    inboxes[inbox.name] = created.id
    const members = DEMO_USERS.filter((u) => u.inboxes.includes(inbox.name)).map((u) => u.id)
    await api('POST', `/inboxes/${created.id}/members`, { add: members, remove: [] })
  }
  for (const rule of DEMO_RULES)
    await api('POST', '/routing/rules', {
      address: rule.address,
      ...(rule.keyword ? { keyword: rule.keyword } : {}),
      ...(rule.from ? { from: rule.from } : {}),
      ...(rule.toInbox ? { toInbox: inboxes[rule.toInbox] } : {}),
      ...(rule.toUser ? { toUser: rule.toUser } : {}),
      ...(rule.isDefault ? { isDefault: true } : {}),
    })
  for (const template of DEMO_TEMPLATES) await api('POST', '/templates', template)
  return { tokens, inboxes }
}

async function createConversations(api: DemoApi, random: Random, say: Say): Promise<DemoConversation[]> {
  const conversations: DemoConversation[] = []
  const topics = { support: 0.55, sales: 0.2, billing: 0.25 }
  for (let i = 0; i < SEED_CONVERSATIONS; i++) {
    const roll = random()
    const topic = roll < topics.support ? 'support' : roll < topics.support + topics.sales ? 'sales' : 'billing'
    const c = await customerOpens(api, random, topic, channelFor(random))
    if (c) conversations.push(c)
    if (i % 40 === 39) say(`Customers are writing in: ${i + 1} of ${SEED_CONVERSATIONS} conversations…`)
  }
  const vip = SCENARIOS.findIndex((s) => s.topic === 'vip')
  for (const [opening, text] of SCENARIOS[vip]!.openings.entries()) {
    const customer = newCustomer(random)
    const draft = { channel: 'sms' as const, from: `${DEMO_VIP_PREFIX}${String(1000 + opening)}`, name: 'Ruth Alvarez' }
    const answer = await customerWrites(api, draft, text)
    if (answer.conversation && answer.inbox)
      conversations.push(openedConversation({ ...draft, id: answer.conversation, inbox: answer.inbox, scenario: vip, opening, vars: customer.vars }))
  }
  say('Some customers write again…')
  for (const c of conversations) {
    const next = random() < 0.4 ? takeNextLine(c, 'customer') : null
    if (next) await customerWrites(api, c, next)
  }
  return conversations
}

function canReply(client: HuddleClient, channel: Channel): boolean {
  return client.me()?.licences.includes(channel) ?? false
}

async function teamWorks(clients: ReadonlyMap<string, HuddleClient>, conversations: readonly DemoConversation[], random: Random, say: Say): Promise<void> {
  say('The team gets to work: claims, replies, notes…')
  const inboxOf = (c: DemoConversation): string => (c.inbox.startsWith('@') ? `personal/${c.inbox.slice(1)}` : `inbox/${c.inbox}`)
  // The newest conversations stay untouched: the demo agent's morning queue.
  const older = conversations.slice(0, Math.max(0, conversations.length - 60)).filter((c) => !c.inbox.startsWith('@'))
  for (const c of older) {
    const members = [...clients.entries()].filter(([, client]) => client.inboxList().some((i) => i.doc === inboxOf(c)))
    if (members.length === 0 || random() < 0.3) continue
    const others = members.filter(([id]) => id !== DEMO_AGENT)
    const [agent, client] = random() < 0.2 || others.length === 0 ? pick(random, members) : pick(random, others)
    try {
      await client.claim(c.id)
      const takers = others.filter(([id]) => id !== agent)
      if (random() < 0.12 && agent !== DEMO_AGENT && takers.length > 0) {
        const [, taker] = pick(random, takers)
        await taker.takeover(c.id)
        continue
      }
      const reply = canReply(client, c.channel) && random() < 0.75 ? takeNextLine(c, 'team') : null
      if (reply) await client.reply(c.id, reply)
      else if (!canReply(client, c.channel)) {
        const licensed = others.find(([id, other]) => id !== agent && canReply(other, c.channel))
        await client.note(c.id, `I can’t answer on ${c.channel === 'whatsapp' ? 'WhatsApp' : c.channel}${licensed ? `, @${licensed[0]} could you reply?` : '.'}`)
      }
      const note = random() < 0.3 ? takeNextLine(c, 'notes', pick(random, others.length > 0 ? others : members)[0]) : null
      if (note) await client.note(c.id, note)
      if (random() < 0.35) await client.archive(c.id)
    } catch (error) {
      // A precondition the script did not foresee (say, a colleague holds it already): that conversation stays as it is.
      if (!(error instanceof HuddleError) || (error.code !== 'conflict' && error.code !== 'not-found')) throw error
    }
  }
  await Promise.all([...clients.values()].map((client) => client.waitForAcks(20_000)))
}

function pickWhere(conversations: readonly DemoConversation[], random: Random, test: (c: DemoConversation) => boolean, taken: Set<string>): DemoConversation | null {
  const candidates = conversations.filter((c) => test(c) && !taken.has(c.id))
  if (candidates.length === 0) return null
  const chosen = pick(random, candidates)
  taken.add(chosen.id)
  return chosen
}

/**
 * The demo agent's own stories: a claim made offline that loses to a
 * colleague's, a conversation a colleague takes over, a reply held because
 * the customer wrote again, colleagues' notes that mention them, WhatsApp
 * conversations assigned to them with the window open and closed, and an SMS
 * contact who texted STOP.
 */
async function agentStories(
  server: string,
  api: DemoApi,
  dataDir: string,
  tokens: Readonly<Record<string, string>>,
  clients: ReadonlyMap<string, HuddleClient>,
  conversations: readonly DemoConversation[],
  yesterday: readonly DemoConversation[],
  inboxes: Readonly<Record<string, string>>,
  random: Random,
  say: Say,
): Promise<string[]> {
  say('Alex’s morning: a lost claim, a take-over, a held reply, a few mentions…')
  const recent = conversations.slice(-60)
  const taken = new Set<string>()
  const support = inboxes.Support!
  const sales = inboxes.Sales!
  // The held reply is the script's second, so its script needs two.
  const held = pickWhere(recent, random, (c) => c.inbox === support && c.channel !== 'whatsapp' && scriptLines(c, 'team').length >= 2, taken)
  const lost = pickWhere(recent, random, (c) => c.inbox === support, taken)
  const takenOver = pickWhere(recent, random, (c) => c.inbox === sales, taken)
  const mentioned = [pickWhere(recent, random, (c) => c.inbox === support, taken), pickWhere(recent, random, (c) => c.inbox === sales, taken)]
  const windowOpen = pickWhere(recent, random, (c) => c.inbox === support && c.channel === 'whatsapp', taken)
  const windowClosed = pickWhere(yesterday, random, (c) => c.inbox === support, taken)
  const optedOut = pickWhere(recent, random, (c) => c.inbox === support && c.channel === 'sms', taken)
  const folder = join(dataDir, 'seed-alex')
  const open = async (connect: boolean): Promise<HuddleClient> =>
    HuddleClient.open({ server, syncUrl: syncUrlOf(server), token: tokens[DEMO_AGENT]!, store: await LevelReplicaStore.open(folder), connect, maxBackoffMs: 500 })
  let alex = await open(true)
  await untilReady(alex)
  if (held) {
    await alex.claim(held.id)
    const handle = await alex.openConversation(held.id)
    await alex.settle(5000)
    handle.close()
    await alex.reply(held.id, line(held, 'team'))
  }
  if (takenOver) await alex.claim(takenOver.id)
  if (optedOut) await alex.claim(optedOut.id)
  await alex.waitForAcks(10_000)
  await alex.close()

  // While Alex is offline: Marcus claims what Alex will also claim, Marcus takes over, the customer writes again.
  const marcus = clients.get('marcus')!
  if (lost) await marcus.claim(lost.id)
  if (takenOver) await marcus.takeover(takenOver.id)
  await marcus.waitForAcks(10_000)
  if (held) await customerWrites(api, held, line(held, 'customer'))

  alex = await open(false)
  await alex.ready()
  if (lost) await alex.claim(lost.id)
  if (held) await alex.reply(held.id, line(held, 'team'))
  alex.connect()
  await alex.waitForAcks(10_000)
  await alex.settle(5000)
  await alex.close()
  await rm(folder, { recursive: true, force: true })

  const priya = clients.get('priya')!
  const sofia = clients.get('sofia')!
  if (mentioned[0]) await priya.note(mentioned[0].id, '@alex this customer asked for you by name, can you take it?')
  if (mentioned[1]) await sofia.note(mentioned[1].id, `@alex you know the ${mentioned[1].vars.bike ?? 'bikes'} best, could you answer this one?`)
  if (windowOpen) await marcus.assign(windowOpen.id, DEMO_AGENT)
  if (windowClosed) await priya.assign(windowClosed.id, DEMO_AGENT)
  if (optedOut) {
    await customerWrites(api, optedOut, 'STOP')
    // Opted out: the simulated customer has nothing more to say here.
    optedOut.said.customer = scriptLines(optedOut, 'customer').length
  }
  await Promise.all([priya.waitForAcks(10_000), sofia.waitForAcks(10_000), marcus.waitForAcks(10_000)])
  return [held, lost, takenOver, ...mentioned, windowOpen, windowClosed, optedOut].filter((c): c is DemoConversation => c !== null).map((c) => c.id)
}

export async function seedDemo(server: string, adminToken: string, dataDir: string, clock: DemoClock, say: Say): Promise<SeedResult> {
  const api = demoApi(server, adminToken)
  const random = seededRandom(20251125)
  const { tokens, inboxes, yesterday } = await clock.during(YESTERDAY_MS, async () => {
    const organisation = await createOrganisation(api, say)
    return { ...organisation, yesterday: await createYesterday(api, random, say) }
  })
  const today = await createConversations(api, random, say)
  const clients = await openDemoClients(server, tokens, DEMO_USERS.map((u) => u.id))
  try {
    await teamWorks(clients, today, random, say)
    const stories = await agentStories(server, api, dataDir, tokens, clients, today, yesterday, inboxes, random, say)
    const unread = [...new Set([...today.slice(-30).map((c) => c.id), ...stories])]
    // Yesterday's come first: the customers simulated today write to the newest conversations.
    return { tokens, conversations: [...yesterday, ...today], unread }
  } finally {
    await closeDemoClients(clients)
  }
}
