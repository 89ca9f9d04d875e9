/** Renders the dashboard through ink-testing-library at a given terminal size, with helpers to press keys and read the frame. */
import { render } from 'ink-testing-library'
import { createElement } from 'react'
import { vi } from 'vitest'
import { Dashboard, type DashboardProps } from '../../../cli/dashboard/components/Dashboard.js'
import { SeenMarks } from '../../../cli/dashboard/seen-marks.js'
import { themeFor } from '../../../cli/dashboard/theme.js'
import type { FakeSource } from './fake-source.js'

export const KEYS = {
  enter: '\r',
  esc: '\u001B',
  tab: '\t',
  shiftTab: '\u001B[Z',
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  home: '\u001B[H',
  end: '\u001B[F',
  backspace: '\u007F',
  ctrlC: '\u0003',
  ctrlU: '\u0015',
  ctrlW: '\u0017',
  ctrlT: '\u0014',
  ctrlO: '\u000F',
  ctrlA: '\u0001',
  ctrlB: '\u0002',
  ctrlF: '\u0006',
  ctrlLeft: '\u001B[1;5D',
  ctrlRight: '\u001B[1;5C',
  metaB: '\u001Bb',
  metaF: '\u001Bf',
  ctrlE: '\u0005',
} as const

export type Rendered = {
  /** The last frame, colours stripped. */
  frame(): string
  lines(): string[]
  /** Presses keys one after another (each a key name of KEYS or literal characters), letting each frame settle. */
  press(...keys: string[]): Promise<void>
  /** Types text as one paste. */
  type(text: string): Promise<void>
  settle(): Promise<void>
  readonly onQuit: ReturnType<typeof vi.fn>
  readonly seen: SeenMarks
  readonly frames: string[]
  unmount(): void
}

const ANSI = /\u001B\[[0-9;?]*[A-Za-z]/g

const settle = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve))
}

export async function renderDashboard(
  source: FakeSource,
  options: Partial<Pick<DashboardProps, 'columns' | 'rows' | 'now' | 'flashMs' | 'idleAwayMs'>> & { seen?: SeenMarks; env?: Record<string, string> } = {},
): Promise<Rendered> {
  const onQuit = vi.fn()
  const seen = options.seen ?? SeenMarks.inMemory()
  const columns = options.columns ?? 120
  const element = createElement(Dashboard, {
      source,
      seen,
      server: 'http://127.0.0.1:8787',
      theme: themeFor(options.env ?? {}),
      onQuit,
      columns,
      rows: options.rows ?? 40,
      now: options.now ?? (() => source.conversations.size > 0 ? Math.max(...[...source.conversations.values()].map((c) => c.lastMessageAt)) + 120_000 : 0),
      isBackgroundSync: false,
      flashMs: options.flashMs ?? 60_000,
      ...(options.idleAwayMs === undefined ? {} : { idleAwayMs: options.idleAwayMs }),
    })
  const app = render(element)
  // ink-testing-library's stdout is 100 columns wide; Ink lays the root out at that width, so give it the terminal's.
  Object.defineProperty(app.stdout, 'columns', { value: columns })
  app.rerender(element)
  await settle()
  const frame = (): string => (app.lastFrame() ?? '').replace(ANSI, '')
  return {
    frame,
    lines: () => frame().split('\n'),
    async press(...keys) {
      for (const key of keys) {
        app.stdin.write(key in KEYS ? KEYS[key as keyof typeof KEYS] : key)
        await settle()
      }
    },
    async type(text) {
      app.stdin.write(text)
      await settle()
    },
    settle,
    onQuit,
    seen,
    frames: app.frames,
    unmount: () => app.unmount(),
  }
}
