/**
 * Runs the dashboard in the terminal until the agent quits: the alternate
 * screen, Ink drawing into a FrameOutput (which writes only the lines that
 * changed, at their rows), redrawn whole at the new size on a resize, and the
 * terminal restored on quit, on signals and on a crash.
 */
import { render } from 'ink'
import { createElement } from 'react'
import type { Searcher } from '../client/search-client.js'
import { Dashboard } from './components/Dashboard.js'
import type { DashboardSource, SeenStore } from './dashboard-source.js'
import { FrameOutput } from './frame-output.js'
import { enterAlternateScreen } from './terminal-screen.js'
import { themeFor } from './theme.js'

export type DashboardRunOptions = {
  readonly source: DashboardSource
  readonly seen: SeenStore
  readonly search: Searcher
  readonly server: string
  readonly env: Readonly<Record<string, string | undefined>>
  readonly stdout: NodeJS.WriteStream
  readonly stdin: NodeJS.ReadStream
  readonly stderr: NodeJS.WriteStream
  readonly process: NodeJS.Process
  /** How long without a key press sets the agent away (0: never; the dashboard's default when absent). */
  readonly idleAwayMs?: number
}

/** Resolves when the agent quits (q, Ctrl-C) or the process is asked to stop. */
export async function runDashboard(options: DashboardRunOptions): Promise<void> {
  const { stdout, stdin, stderr, process } = options
  const theme = themeFor(options.env)
  // Every connected document's provider listens for the process's exit; the dashboard holds many.
  process.setMaxListeners(0)
  const screen = enterAlternateScreen(stdout, stdin, process)
  const output = new FrameOutput(stdout, stdout.columns || 80, stdout.rows || 24)
  let quit: () => void = () => {}
  const quitting = new Promise<void>((resolve) => (quit = resolve))
  const element = () =>
    createElement(Dashboard, {
      source: options.source,
      seen: options.seen,
      search: options.search,
      server: options.server,
      theme,
      columns: output.columns,
      rows: output.rows,
      ...(options.idleAwayMs === undefined ? {} : { idleAwayMs: options.idleAwayMs }),
      onQuit: () => quit(),
    })
  const instance = render(element(), {
    stdout: output as unknown as NodeJS.WriteStream,
    stdin,
    stderr,
    exitOnCtrlC: false,
    patchConsole: true,
    maxFps: 120,
  })

  const onResize = (): void => {
    output.resize(stdout.columns || 80, stdout.rows || 24)
    instance.rerender(element())
  }
  const onSignal = (): void => quit()
  const onCrash = (error: unknown): void => {
    instance.unmount()
    screen.restore()
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
    stderr.write(`huddle's dashboard failed unexpectedly; this is a bug, please report it.\n${detail}\n`)
    process.exit(1)
  }
  stdout.on('resize', onResize)
  for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) process.on(signal, onSignal)
  process.on('uncaughtException', onCrash)
  process.on('unhandledRejection', onCrash)
  try {
    await quitting
  } finally {
    stdout.off('resize', onResize)
    for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) process.off(signal, onSignal)
    process.off('uncaughtException', onCrash)
    process.off('unhandledRejection', onCrash)
    instance.unmount()
    screen.restore()
    const aside = output.printedAside()
    if (aside) stderr.write(aside.endsWith('\n') ? aside : `${aside}\n`)
  }
}
