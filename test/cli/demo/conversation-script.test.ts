import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../../core/seeded-random.js'
import { hasNextLine, openedConversation, scriptLines, takeNextLine } from '../../../cli/demo/conversation-script.js'
import { newCustomer, SCENARIOS } from '../../../cli/demo/demo-script.js'
import type { DemoConversation } from '../../../cli/demo/demo-state.js'

const SEED = Number(process.env.HUDDLE_SEED ?? Date.now() % 2 ** 31)

/** Every conversation the scripts can make: each scenario with each of its openings, a customer's details drawn from `random`. */
function everyConversation(random: () => number): DemoConversation[] {
  return SCENARIOS.flatMap((scenario, index) =>
    scenario.openings.map((_, opening) =>
      openedConversation({ id: `c-${index}-${opening}`, inbox: 'support', channel: 'sms', from: '+15550001', name: null, scenario: index, opening, vars: newCustomer(random).vars }),
    ),
  )
}

/** Plays a conversation to its end: the customer and the team take turns, each saying their next line when the script has one. */
function playOut(c: DemoConversation): Array<{ part: 'customer' | 'team'; line: string }> {
  const said: Array<{ part: 'customer' | 'team'; line: string }> = []
  for (;;) {
    const team = takeNextLine(c, 'team')
    if (team !== null) said.push({ part: 'team', line: team })
    const customer = takeNextLine(c, 'customer')
    if (customer !== null) said.push({ part: 'customer', line: customer })
    if (team === null && customer === null) return said
  }
}

describe('the demo’s conversation scripts', () => {
  it(`never repeat a line within a conversation, whoever says it (seed ${SEED})`, () => {
    for (const c of everyConversation(seededRandom(SEED))) {
      const lines = [...scriptLines(c, 'customer'), ...scriptLines(c, 'team'), ...scriptLines(c, 'notes')]
      expect(new Set(lines).size, `scenario ${c.scenario}, opening ${c.opening}: ${lines.join(' | ')}`).toBe(lines.length)
    }
  })

  it(`fill in every detail they mention (seed ${SEED})`, () => {
    for (const c of everyConversation(seededRandom(SEED)))
      for (const line of [...scriptLines(c, 'customer'), ...scriptLines(c, 'team'), ...scriptLines(c, 'notes')]) expect(line, `scenario ${c.scenario}`).not.toMatch(/\{\w+\}/)
  })

  it('give every conversation an answer to its opening and something for the customer to say after it', () => {
    for (const [index, scenario] of SCENARIOS.entries()) {
      expect(scenario.replies.length, `scenario ${index}`).toBeGreaterThan(0)
      expect(scenario.followUps.length, `scenario ${index}`).toBeGreaterThanOrEqual(2)
    }
  })

  it('play to their end in order, each line once, when the team answers at once, and then go quiet', () => {
    for (const c of everyConversation(seededRandom(SEED))) {
      const [opening, , ...answers] = scriptLines(c, 'customer')
      const said = playOut(c)
      expect(said.filter((s) => s.part === 'team').map((s) => s.line), `scenario ${c.scenario}`).toEqual(scriptLines(c, 'team'))
      // Answered at once, the customer never needed to chase.
      expect([opening, ...said.filter((s) => s.part === 'customer').map((s) => s.line)], `scenario ${c.scenario}`).toEqual([opening, ...answers])
      expect(hasNextLine(c, 'customer') || hasNextLine(c, 'team')).toBe(false)
      expect(takeNextLine(c, 'customer')).toBeNull()
    }
  })

  it('let the customer chase once while unanswered, and answer the team after that', () => {
    const c = everyConversation(seededRandom(SEED))[0]!
    const [opening, chaser, second] = scriptLines(c, 'customer')
    expect(takeNextLine(c, 'customer')).toBe(chaser)
    // Unanswered, the customer waits for the team before saying more.
    expect(takeNextLine(c, 'customer')).toBeNull()
    expect(takeNextLine(c, 'team')).toBe(scriptLines(c, 'team')[0])
    expect(takeNextLine(c, 'customer')).toBe(second)
    expect(opening).toBe(scriptLines(c, 'customer')[0])
  })

  it('skip the customer’s chaser once the team has answered the opening', () => {
    const c = everyConversation(seededRandom(SEED))[0]!
    expect(takeNextLine(c, 'team')).toBe(scriptLines(c, 'team')[0])
    expect(takeNextLine(c, 'customer')).toBe(scriptLines(c, 'customer')[2])
  })

  it('let the team answer only what the customer has said', () => {
    const c = everyConversation(seededRandom(SEED))[0]!
    takeNextLine(c, 'team')
    // The first reply answered the opening; the second waits for the customer's answer to it.
    expect(takeNextLine(c, 'team')).toBeNull()
    takeNextLine(c, 'customer')
    expect(takeNextLine(c, 'team')).toBe(scriptLines(c, 'team')[1])
  })

  it('mention the colleague they are given in notes', () => {
    const c = everyConversation(seededRandom(SEED))[0]!
    expect(scriptLines(c, 'notes', 'priya').some((note) => note.includes('@priya'))).toBe(true)
  })
})
