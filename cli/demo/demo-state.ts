/**
 * What the demo remembers between runs, in `<data>/demo.json`: the port its
 * server listened on (the agent's local copy belongs to that address), the
 * tokens of its users, and the script behind each conversation so that
 * colleagues answer in kind.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Channel } from '../../core/users.js'

export type DemoConversation = {
  readonly id: string
  readonly inbox: string
  readonly channel: Channel
  readonly from: string
  readonly name: string | null
  readonly scenario: number
  readonly vars: Readonly<Record<string, string>>
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
    return value.version === 1 ? value : null
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
