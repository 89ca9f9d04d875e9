import { resolve } from 'node:path'
import { defineCommand } from '../command.js'
import { say } from '../output.js'

function portProblem(value: string | number): string | undefined {
  const port = Number(value)
  return Number.isInteger(port) && port >= 0 && port <= 65535 ? undefined : `Port \`${value}\` is not valid: give 0–65535 (0 picks a free port).`
}

function urlProblem(value: string | number): string | undefined {
  try {
    new URL(String(value))
    return undefined
  } catch {
    return `Public URL \`${value}\` is not a URL; give it like \`--public-url https://huddle.example.com\`.`
  }
}

export const serve = defineCommand({
  name: 'serve',
  summary: 'Run the huddle server: sync for the dashboards, the HTTP API, and carrier webhooks.',
  usage: 'serve [--host 127.0.0.1] [--port 8787] [--data ./huddle-data] [--webhook-secret SECRET] [--public-url URL]',
  args: [],
  flags: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'number', default: 8787, check: portProblem },
    data: { type: 'string', default: './huddle-data' },
    webhookSecret: { type: 'string' },
    publicUrl: { type: 'string', check: urlProblem },
  },
  help: `
Options
  --host HOST              Interface to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --port PORT              Port to listen on (default 8787; 0 picks a free one)
  --data DIR               Folder of the database (default ./huddle-data), created when missing
  --webhook-secret SECRET  Check carriers' webhook signatures with this secret
                           (default: $HUDDLE_WEBHOOK_SECRET; unchecked when neither is set)
  --public-url URL         The public URL carriers sign their webhooks against
                           (default: http://<Host header>)

Environment
  HUDDLE_ADMIN_TOKEN       The bootstrap admin's token on first start (random and printed once when unset)
  HUDDLE_WEBHOOK_SECRET    As --webhook-secret

The first start creates the organisation and an admin holding every licence,
and prints that admin's token once. The server runs until stopped (Ctrl-C or SIGTERM).

Examples
  $ huddle serve
  $ huddle serve --host 0.0.0.0 --port 8080 --data /var/lib/huddle --public-url https://huddle.example.com
  $ HUDDLE_ADMIN_TOKEN=s3cret huddle serve --port 0
`,
  async run({ flags, io }) {
    // Loaded here, not at the top, so that other commands start without the server.
    const { startServer } = await import('../../server/start.js')
    const adminToken = io.env.HUDDLE_ADMIN_TOKEN?.trim() || undefined
    const webhookSecret = flags.webhookSecret ?? (io.env.HUDDLE_WEBHOOK_SECRET?.trim() || undefined)
    const server = await startServer({
      host: flags.host,
      port: flags.port,
      dataDir: resolve(io.cwd, flags.data),
      ...(adminToken === undefined ? {} : { adminToken }),
      ...(webhookSecret === undefined ? {} : { webhookSecret }),
      ...(flags.publicUrl === undefined ? {} : { publicUrl: flags.publicUrl }),
      log: (line) => io.stdout(`${line}\n`),
    })
    await io.untilStopped()
    say(io, 'Stopping: finishing writes and closing connections…')
    await server.close()
    say(io, 'Stopped.')
  },
})
