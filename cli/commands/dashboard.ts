import process from 'node:process'
import { DEFAULT_IDLE_AWAY_MINUTES, parseIdleAwayMinutes } from '../../core/availability.js'
import { openCommandClient } from '../client/command-client.js'
import { createSearcher } from '../client/search-client.js'
import { defineCommand } from '../command.js'
import { prepareDashboardProcess } from '../dashboard/dashboard-process.js'
import { clientSource } from '../dashboard/dashboard-source.js'
import { SeenMarks } from '../dashboard/seen-marks.js'
import type { CliIo } from '../io.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { UsageError } from '../usage-error.js'

export const NO_TERMINAL = `The dashboard needs a terminal, and this is not one (input or output is redirected).
Without a terminal, use the commands; every one that reads takes --json:
  huddle conversation list --json
  huddle conversation show <id> --json
  huddle conversation claim <id>
  huddle conversation reply <id> --body TEXT
  huddle sync`

/** Whether the dashboard can run here: input and output are both a terminal. */
export function isTerminal(io: CliIo): boolean {
  return io.isInteractive && process.stdout.isTTY === true
}

/** Loads the dashboard (Ink, React) as it must run (see prepareDashboardProcess). */
export function loadDashboard(): Promise<typeof import('../dashboard/run-dashboard.js')> {
  prepareDashboardProcess()
  return import('../dashboard/run-dashboard.js')
}

export const dashboard = defineCommand({
  name: 'dashboard',
  summary: 'Open the agent dashboard in the terminal (what `huddle` alone does).',
  usage: 'dashboard [--idle-away MINUTES] [--server URL] [--token TOKEN]',
  args: [],
  flags: { ...CONNECTION_FLAGS, idleAway: { type: 'string' } },
  help: `
Your inboxes with their five views, the conversations of the current view,
and the open conversation, kept current as your team works; works offline and
syncs when the server is back. \`huddle\` alone opens it too. Press ? in the
dashboard for every key.

Keys that matter most
  j k ↓ ↑       move              Enter  open the conversation
  1 2 3 4 5     the five views    [ ]    previous / next inbox
  c t a u e     claim, take over, assign, unassign, archive
  z  A  D       snooze or wake, your availability, sort by SLA due
  r n           reply, internal note (@ completes members)
  /             filter            ?      help       q  quit

After --idle-away minutes without a key press (default ${DEFAULT_IDLE_AWAY_MINUTES}; 0 never) an
available agent is set away, and available again at the next key press.

Needs a terminal; without one it exits with 2 and names the commands to use.
NO_COLOR turns colour off.

${CONNECTION_HELP}

Examples
  $ huddle dashboard
  $ huddle dashboard --idle-away 30
  $ huddle dashboard --server http://127.0.0.1:8787 --token "$TOKEN"
`,
  async run({ flags, io, usage }) {
    if (!isTerminal(io)) throw new UsageError(NO_TERMINAL, usage)
    const idleAwayMinutes = flags.idleAway === undefined ? DEFAULT_IDLE_AWAY_MINUTES : parseIdleAwayMinutes(flags.idleAway)
    // Ink and React first: loading the client's local copy at the same time slows both, and the
    // first frame (drawn from the copy's view cache) would wait for the slower.
    const { runDashboard } = await loadDashboard()
    const opened = await openCommandClient(flags, io)
    try {
      const seen = await SeenMarks.load(opened.store)
      const search = createSearcher(await connect(flags, io), opened.client)
      await runDashboard({ source: clientSource(opened.client), seen, search, server: opened.server, env: io.env, stdout: process.stdout, stdin: process.stdin, stderr: process.stderr, process, idleAwayMs: idleAwayMinutes * 60_000 })
    } finally {
      await opened.client.close()
    }
  },
})
