/**
 * Simulated colleagues for the demo, each through the client library as
 * themselves: every few seconds one of them claims a new conversation,
 * replies (opening it and typing for a moment first, so presence shows),
 * writes a note — now and then mentioning the demo agent — archives what is
 * done, or hands something to the demo agent.
 */
import type { HuddleClient } from '../client/huddle-client.js'
import type { ConversationRow } from '../client/inbox-view.js'
import type { View } from '../../core/views.js'
import { startLoop, sleep, type Loop } from './demo-loop.js'
import { DEMO_AGENT } from './demo-org.js'
import { scriptLine } from './demo-seed.js'
import { pick, type Random } from './demo-script.js'
import type { DemoConversation } from './demo-state.js'

const GENERIC_REPLIES = [
  'Thanks for getting in touch! Let me check and come back to you within the hour.',
  'Hi! I’ve looked into it and it’s sorted now. Anything else I can help with?',
  'Thanks for your patience. I’ve passed this to the workshop and they’ll call you today.',
]

const GENERIC_NOTES = ['Waiting on the supplier for this one.', 'Customer prefers a call back after 5pm.', 'Checked the order history, nothing unusual.']

export type ColleagueOptions = {
  readonly clients: ReadonlyMap<string, HuddleClient>
  readonly random: Random
  readonly conversations: readonly DemoConversation[]
  readonly onError: (error: unknown) => void
  readonly minPauseMs?: number
  readonly maxPauseMs?: number
}

function rowsOf(client: HuddleClient, view: View, test: (doc: string) => boolean = () => true): ConversationRow[] {
  return client
    .inboxList()
    .filter((i) => i.kind === 'shared' && test(i.doc))
    .flatMap((i) => client.rows(i.doc, view))
    .sort((a, b) => b.lastMessageAt - a.lastMessageAt)
}

export function startColleagues(options: ColleagueOptions): Loop {
  const { clients, random } = options
  const min = options.minPauseMs ?? 3500
  const max = options.maxPauseMs ?? 8000
  const byId = (): Map<string, DemoConversation> => new Map(options.conversations.map((c) => [c.id, c]))
  const colleagues = [...clients.entries()].filter(([id]) => id !== DEMO_AGENT)
  const isAgentsInbox = (client: HuddleClient) => (doc: string) => client.inboxList().find((i) => i.doc === doc)?.members.includes(DEMO_AGENT) ?? false

  const reply = async (client: HuddleClient, row: ConversationRow): Promise<void> => {
    const script = byId().get(row.id)
    const body = (script && scriptLine(script, 'replies', random)) ?? pick(random, GENERIC_REPLIES)
    const handle = await client.openConversation(row.id)
    try {
      await sleep(800)
      handle.setTyping(true)
      await sleep(2500 + random() * 2500)
      handle.setTyping(false)
      await client.reply(row.id, body)
      await sleep(1500)
    } finally {
      handle.close()
    }
  }

  const step = async (): Promise<void> => {
    const [id, client] = pick(random, colleagues)
    const roll = random()
    const unassigned = rowsOf(client, 'unassigned')
    const mine = rowsOf(client, 'mine')
    if (roll < 0.3 && unassigned.length > 0) {
      await client.claim(pick(random, unassigned.slice(0, 8)).id)
      return
    }
    // Answer only where the customer wrote last: nobody replies twice in a row.
    const waiting = mine.filter((r) => (r.lastInboundAt ?? 0) >= r.lastMessageAt)
    if (roll < 0.6 && waiting.length > 0) {
      const row = pick(random, waiting.slice(0, 8))
      if (client.me()?.licences.includes(row.channel)) return reply(client, row)
      await client.note(row.id, pick(random, GENERIC_NOTES))
      return
    }
    if (roll < 0.75 && mine.length > 0) {
      const row = pick(random, mine.slice(0, 12))
      const script = byId().get(row.id)
      const mentionsAgent = random() < 0.35 && isAgentsInbox(client)(row.inbox)
      const note = mentionsAgent
        ? `@${DEMO_AGENT} could you double-check this one when you have a minute?`
        : ((script && scriptLine(script, 'notes', random, id)) ?? pick(random, GENERIC_NOTES))
      await client.note(row.id, note)
      return
    }
    if (roll < 0.9 && mine.length > 3) {
      await client.archive(pick(random, mine.slice(-6)).id)
      return
    }
    if (roll < 0.95) {
      const others = rowsOf(client, 'others').filter((r) => r.assignee !== DEMO_AGENT)
      if (others.length > 0) await client.takeover(pick(random, others.slice(0, 10)).id)
      return
    }
    const forAgent = rowsOf(client, 'unassigned', isAgentsInbox(client))
    if (forAgent.length > 0) await client.assign(pick(random, forAgent.slice(0, 8)).id, DEMO_AGENT)
  }
  return startLoop(step, () => min + random() * (max - min), options.onError)
}
