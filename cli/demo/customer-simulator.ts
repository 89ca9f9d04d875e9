/**
 * Simulated customers for the demo: every few seconds someone writes in —
 * a new conversation, or the next line of a recent one's script — through
 * the server's inbound API, like a carrier's webhook would.
 */
import type { DemoApi } from './demo-api.js'
import { startLoop, type Loop } from './demo-loop.js'
import { customerWrites } from './demo-seed.js'
import { hasNextLine, openedConversation, takeNextLine } from './conversation-script.js'
import { fill, newCustomer, pick, SCENARIOS, type Random } from './demo-script.js'
import type { DemoConversation } from './demo-state.js'
import type { Channel } from '../../core/users.js'

export type CustomerOptions = {
  readonly api: DemoApi
  readonly random: Random
  /** The demo's conversations; new ones are added. */
  readonly conversations: DemoConversation[]
  /** After a line is written, new conversation or not. */
  readonly onSaid: () => void
  readonly onError: (error: unknown) => void
  readonly minPauseMs?: number
  readonly maxPauseMs?: number
}

export function startCustomers(options: CustomerOptions): Loop {
  const { api, random, conversations } = options
  const min = options.minPauseMs ?? 5000
  const max = options.maxPauseMs ?? 11_000
  const strangers = SCENARIOS.map((s, index) => ({ s, index })).filter(({ s }) => s.topic !== 'vip')
  const step = async (): Promise<void> => {
    const talkative = conversations.slice(-80).filter((c) => hasNextLine(c, 'customer'))
    if (random() < 0.55 && talkative.length > 0) {
      const c = pick(random, talkative)
      await customerWrites(api, c, takeNextLine(c, 'customer')!)
      options.onSaid()
      return
    }
    const { s: scenario, index } = pick(random, strangers)
    const opening = Math.floor(random() * scenario.openings.length)
    const customer = newCustomer(random)
    const channel: Channel = random() < 0.45 ? 'sms' : random() < 0.55 ? 'whatsapp' : 'chat'
    const from =
      channel === 'chat' ? `visitor-${Math.floor(random() * 0xffffff).toString(16).padStart(6, '0')}` : `+1555${String(Math.floor(random() * 8_000_000) + 1_000_000)}`
    const name = channel === 'sms' && random() < 0.6 ? null : `${customer.first} ${customer.last}`
    const answer = await customerWrites(api, { channel, from, name }, fill(scenario.openings[opening]!, customer))
    if (answer.conversation && answer.inbox) {
      conversations.push(openedConversation({ id: answer.conversation, inbox: answer.inbox, channel, from, name, scenario: index, opening, vars: customer.vars }))
      options.onSaid()
    }
  }
  return startLoop(step, () => min + random() * (max - min), options.onError)
}
