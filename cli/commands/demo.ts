import { resolve } from 'node:path'
import process from 'node:process'
import { createApiClient } from '../api-client.js'
import { createSearcher } from '../client/search-client.js'
import { defineCommand } from '../command.js'
import { clientSource } from '../dashboard/dashboard-source.js'
import { SeenMarks } from '../dashboard/seen-marks.js'
import { UsageError } from '../usage-error.js'
import { isTerminal, loadDashboard, NO_TERMINAL } from './dashboard.js'

function portProblem(value: string | number): string | undefined {
  const port = Number(value)
  return Number.isInteger(port) && port >= 0 && port <= 65535 ? undefined : `Port \`${value}\` is not valid: give 0–65535 (0: the last run's, else a free one).`
}

export const demo = defineCommand({
  name: 'demo',
  summary: 'Try huddle: a server with a sample team and live customers, opened in the dashboard.',
  usage: 'demo [--data ./huddle-demo] [--as alex] [--port 0] [--headless]',
  args: [],
  flags: {
    data: { type: 'string', default: './huddle-demo' },
    as: { type: 'string', default: 'alex' },
    port: { type: 'number', default: 0, check: portProblem },
    headless: { type: 'boolean' },
  },
  help: `
Starts a huddle server in this process with its data in a local folder and,
the first time, fills it with a sample organisation: Northwind Cycles, three
shared inboxes (Support, Sales, Billing), six agents with their personal
inboxes, a routing policy, and a few hundred conversations over SMS, WhatsApp
and web Chat. Simulated customers keep writing and simulated colleagues keep
claiming, replying and noting while you work in the dashboard as one of the
agents (Alex Kim, who has no WhatsApp licence). Press ? in the dashboard for
the keys, q to quit; the data stays for the next run. From a checkout of
huddle, \`npm start\` builds it and runs the demo.

Options
  --data DIR      The demo's folder (default ./huddle-demo); delete it to start afresh
  --as AGENT      The agent to work as: alex, priya, marcus, lena, tom or sofia (default alex)
  --port PORT     The server's port (default: the last run's, else a free one)
  --headless      No dashboard: run the server and the simulations, print the
                  agents' tokens, and stop on Ctrl-C

Examples
  $ huddle demo
  $ huddle demo --as priya
  $ huddle demo --headless --port 8787
`,
  async run({ flags, io, usage }) {
    if (!flags.headless && !isTerminal(io)) throw new UsageError(`${NO_TERMINAL}\nOr run the demo without the dashboard: huddle demo --headless`, usage)
    // Loaded while the demo starts its server and its simulated team.
    const loading = flags.headless ? null : loadDashboard()
    const { runDemo } = await import('../demo/run-demo.js')
    await runDemo({
      dataDir: resolve(io.cwd, flags.data),
      port: flags.port,
      as: flags.as,
      isHeadless: flags.headless === true,
      io,
      openDashboard: async (client, seen: SeenMarks, server, token) => {
        const { runDashboard } = await loading!
        const search = createSearcher(createApiClient({ server, token, fetch: io.fetch }), client)
        await runDashboard({ source: clientSource(client), seen, search, server, env: io.env, stdout: process.stdout, stdin: process.stdin, stderr: process.stderr, process })
      },
    })
  },
})
