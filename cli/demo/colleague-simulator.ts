/**
 * Simulated colleagues for the demo, each through the client library as
 * themselves: every few seconds one of them claims a new conversation,
 * replies (opening it and typing for a moment first, so presence shows),
 * writes a note — now and then mentioning the demo agent — archives what is
 * done, or hands something to the demo agent. Replies and notes are the next
 * lines of the conversation's script; where it has none left, they say
 * nothing. A WhatsApp customer whose window has closed gets the structured
 * follow-up template instead, the one thing that may be sent.
 */
import type { HuddleClient } from '../client/huddle-client.js'
import type { ConversationRow } from '../client/inbox-view.js'
import { renderTemplate } from '../../core/template.js'
import type { View } from '../../core/views.js'
import { allowsFreeText, whatsappWindow } from '../../core/whatsapp-window.js'
import { hasNextLine, takeNextLine } from './conversation-script.js'
import { startLoop, sleep, type Loop } from './demo-loop.js'
import { DEMO_AGENT, DEMO_WINDOW_TEMPLATE } from './demo-org.js'
import { pick, type Random } from './demo-script.js'
import type { DemoConversation } from './demo-state.js'

export type ColleagueOptions = {
  readonly clients: ReadonlyMap<string, HuddleClient>
  readonly random: Random
  readonly conversations: readonly DemoConversation[]
  /** After a reply or note from a script. */
  readonly onSaid: () => void
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

  /** Opens the conversation and types for a moment first, so presence shows. */
  const typeAndSend = async (client: HuddleClient, row: ConversationRow, send: () => Promise<unknown>): Promise<void> => {
    const handle = await client.openConversation(row.id)
    try {
      await sleep(800)
      handle.setTyping(true)
      await sleep(2500 + random() * 2500)
      handle.setTyping(false)
      await send()
      await sleep(1500)
    } finally {
      handle.close()
    }
  }

  const answer = async (client: HuddleClient, row: ConversationRow, script: DemoConversation): Promise<void> => {
    if (allowsFreeText(whatsappWindow(row.channel, row.lastInboundAt ?? null, client.now()))) {
      const body = takeNextLine(script, 'team')!
      options.onSaid()
      return typeAndSend(client, row, () => client.reply(row.id, body))
    }
    const template = client.templates()[DEMO_WINDOW_TEMPLATE]
    if (!template) return
    const params = { name: script.vars.first ?? 'there' }
    return typeAndSend(client, row, () => client.reply(row.id, renderTemplate(template, params), { name: template.name, params }))
  }

  const step = async (): Promise<void> => {
    const [id, client] = pick(random, colleagues)
    const roll = random()
    const scripts = byId()
    const unassigned = rowsOf(client, 'unassigned')
    const mine = rowsOf(client, 'mine')
    if (roll < 0.3 && unassigned.length > 0) {
      await client.claim(pick(random, unassigned.slice(0, 8)).id)
      return
    }
    // Answer only where the customer wrote last (nobody replies twice in a row), on a channel one may answer, with the script's next reply or, once WhatsApp's window has closed, a template.
    const isWaiting = (r: ConversationRow): boolean => {
      const script = scripts.get(r.id)
      if (!script || (r.lastInboundAt ?? 0) < r.lastMessageAt || !client.me()?.licences.includes(r.channel)) return false
      return hasNextLine(script, 'team') || !allowsFreeText(whatsappWindow(r.channel, r.lastInboundAt ?? null, client.now()))
    }
    const waiting = mine.filter(isWaiting)
    if (roll < 0.6 && waiting.length > 0) {
      const row = pick(random, waiting.slice(0, 8))
      return answer(client, row, scripts.get(row.id)!)
    }
    const noted = mine.filter((r) => scripts.get(r.id) && hasNextLine(scripts.get(r.id)!, 'notes'))
    if (roll < 0.75 && noted.length > 0) {
      const row = pick(random, noted.slice(0, 12))
      const mentionsAgent = random() < 0.35 && isAgentsInbox(client)(row.inbox)
      const colleague = mentionsAgent ? DEMO_AGENT : pick(random, colleagues.filter(([other]) => other !== id))[0]
      await client.note(row.id, takeNextLine(scripts.get(row.id)!, 'notes', colleague)!)
      options.onSaid()
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
