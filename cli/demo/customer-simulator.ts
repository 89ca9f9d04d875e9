/**
 * Simulated customers for the demo: every few seconds someone writes in —
 * a new conversation, or a follow-up to one of the recent ones — through the
 * server's inbound API, like a carrier's webhook would.
 */
import type { DemoApi } from './demo-api.js'
import { startLoop, type Loop } from './demo-loop.js'
import { customerWrites, scriptLine } from './demo-seed.js'
import { fill, newCustomer, pick, SCENARIOS, type Random } from './demo-script.js'
import type { DemoConversation } from './demo-state.js'
import type { Channel } from '../../core/users.js'

const NUDGES = ['Any update?', 'Thanks!', 'Ok, thank you 🙂', 'Sorry, one more question: do you deliver on Saturdays?', 'Great, that works for me', 'Hello? Still waiting on this', 'Perfect, thanks for the quick reply']

export type CustomerOptions = {
  readonly api: DemoApi
  readonly random: Random
  /** The demo's conversations; new ones are added. */
  readonly conversations: DemoConversation[]
  readonly onNew: (conversation: DemoConversation) => void
  readonly onError: (error: unknown) => void
  readonly minPauseMs?: number
  readonly maxPauseMs?: number
}

export function startCustomers(options: CustomerOptions): Loop {
  const { api, random, conversations } = options
  const min = options.minPauseMs ?? 5000
  const max = options.maxPauseMs ?? 11_000
  const step = async (): Promise<void> => {
    if (random() < 0.55 && conversations.length > 0) {
      const c = pick(random, conversations.slice(-80))
      await customerWrites(api, c, random() < 0.6 ? (scriptLine(c, 'followUps', random) ?? pick(random, NUDGES)) : pick(random, NUDGES))
      return
    }
    const index = Math.floor(random() * SCENARIOS.length)
    const scenario = SCENARIOS[index]!
    const customer = newCustomer(random)
    const channel: Channel = random() < 0.45 ? 'sms' : random() < 0.55 ? 'whatsapp' : 'chat'
    const from =
      channel === 'chat' ? `visitor-${Math.floor(random() * 0xffffff).toString(16).padStart(6, '0')}` : `+1555${String(Math.floor(random() * 8_000_000) + 1_000_000)}`
    const name = channel === 'sms' && random() < 0.6 ? null : `${customer.first} ${customer.last}`
    const answer = await customerWrites(api, { channel, from, name }, fill(pick(random, scenario.openings), customer))
    if (answer.conversation && answer.inbox) {
      const created: DemoConversation = { id: answer.conversation, inbox: answer.inbox, channel, from, name, scenario: index, vars: customer.vars }
      conversations.push(created)
      options.onNew(created)
    }
  }
  return startLoop(step, () => min + random() * (max - min), options.onError)
}
