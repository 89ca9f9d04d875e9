/**
 * What the demo remembers between runs, in `<data>/demo.json`: the port its
 * server listened on (the agent's local copy belongs to that address), the
 * tokens of its users, and the script behind each conversation with how
 * far it has been said, so that customers and colleagues carry on in kind
 * without saying a line twice.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Channel } from '../../core/users.js'
import type { ScriptProgress } from './conversation-script.js'

export type DemoConversation = {
  readonly id: string
  readonly inbox: string
  readonly channel: Channel
  readonly from: string
  readonly name: string | null
  readonly scenario: number
  /** Which of the scenario's openings the customer wrote. */
  readonly opening: number
  readonly vars: Readonly<Record<string, string>>
  /** Counted up as the script is said. */
  readonly said: ScriptProgress
}

export type DemoState = {
  readonly version: 1
  readonly port: number
  readonly adminToken: string
  readonly tokens: Readonly<Record<string, string>>
  readonly conversations: readonly DemoConversation[]
}

const FILE = 'demo.json'

export async function loadDemoState(dataDir: string): Promise<DemoState | null> {
  try {
    const value = JSON.parse(await readFile(join(dataDir, FILE), 'utf8')) as DemoState
    if (value.version !== 1) return null
    // A folder from before scripts were counted: its customers have said their opening, and nothing is known to be said after it.
    return { ...value, conversations: value.conversations.map((c) => ({ ...c, opening: c.opening ?? 0, said: c.said ?? { customer: 1, team: 0, notes: 0 } })) }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

export async function saveDemoState(dataDir: string, state: DemoState): Promise<void> {
  await mkdir(dataDir, { recursive: true })
  const temporary = join(dataDir, `${FILE}.${process.pid}.tmp`)
  await writeFile(temporary, `${JSON.stringify(state)}\n`, { mode: 0o600 })
  await rename(temporary, join(dataDir, FILE))
}
