/**
 * A demo conversation's script, said in order: what its customer and the
 * team may say next, counted in the conversation's progress so that no line
 * is said twice, and nothing once a part has run out.
 */
import { DEMO_AGENT } from './demo-org.js'
import { fill, SCENARIOS } from './demo-script.js'
import type { DemoConversation } from './demo-state.js'

export type ScriptPart = 'customer' | 'team' | 'notes'

/** How many lines of each part were said; kept with the conversation between runs. */
export type ScriptProgress = { customer: number; team: number; notes: number }

/** A conversation its customer has just opened: the opening said, nothing else. */
export function openedConversation(fields: Omit<DemoConversation, 'said'>): DemoConversation {
  return { ...fields, said: { customer: 1, team: 0, notes: 0 } }
}

/** Every line of a part of the conversation's script, filled in, in the order they are said. */
export function scriptLines(c: Pick<DemoConversation, 'scenario' | 'opening' | 'vars'>, part: ScriptPart, agent = DEMO_AGENT): string[] {
  const scenario = SCENARIOS[c.scenario]
  if (!scenario) return []
  const lines = part === 'customer' ? [scenario.openings[c.opening] ?? '', ...scenario.followUps] : part === 'team' ? scenario.replies : scenario.notes
  return lines.map((line) => fill(line, { first: c.vars.first ?? '', last: '', vars: c.vars }, agent))
}

/**
 * Which line of `part` comes next, or null when the script has none for now.
 * replies[0] answers the opening; followUps[0] is a chaser, said only while
 * unanswered (skipped once answered); then each follow-up answers the reply
 * before it and each reply the follow-up before it.
 */
function nextIndex(c: DemoConversation, part: ScriptPart): number | null {
  const { customer, team, notes } = c.said
  const count = scriptLines(c, part).length
  switch (part) {
    case 'customer': {
      const next = customer === 1 && team >= 1 ? 2 : customer
      return next < count && (next < 2 || team >= next - 1) ? next : null
    }
    case 'team':
      return team < count && customer >= (team === 0 ? 1 : team + 2) ? team : null
    case 'notes':
      return notes < count ? notes : null
  }
}

export function hasNextLine(c: DemoConversation, part: ScriptPart): boolean {
  return nextIndex(c, part) !== null
}

/**
 * The next line of `part`, counted as said; null when the script has none
 * for now. It counts before it is written: should the write fail, a line is
 * skipped rather than said twice.
 */
export function takeNextLine(c: DemoConversation, part: ScriptPart, agent = DEMO_AGENT): string | null {
  const index = nextIndex(c, part)
  if (index === null) return null
  c.said[part] = index + 1
  return scriptLines(c, part, agent)[index]!
}
