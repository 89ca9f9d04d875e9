import { HuddleError } from '../../core/errors.js'
import type { SearchHit } from '../../core/search-hit.js'
import { DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT, parseSearchQuery, type SearchInput } from '../../core/search-query.js'
import { snippetParts } from '../../core/search-text.js'
import { CHANNELS } from '../../core/users.js'
import { withCommandClient } from '../client/command-client.js'
import { searchReplica, searchServer, type SearchOutcome } from '../client/search-client.js'
import { defineCommand } from '../command.js'
import { terminalText } from '../../core/terminal-text.js'
import { JSON_FLAG } from '../flags.js'
import type { CliIo } from '../io.js'
import { formatTime, printJson, say } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../session.js'
import { inboxLabel } from './conversation-output.js'

/** A snippet as plain text and the [start, end) stretches of it that matched. */
function plainSnippet(snippet: string): { text: string; highlights: [number, number][] } {
  let text = ''
  const highlights: [number, number][] = []
  for (const part of snippetParts(snippet)) {
    const clean = terminalText(part.text)
    if (part.marked) highlights.push([text.length, text.length + clean.length])
    text += clean
  }
  return { text, highlights }
}

function hitJson(hit: SearchHit, isLocal: boolean): Record<string, unknown> {
  const { text, highlights } = plainSnippet(hit.snippet)
  return {
    conversation: hit.conversation,
    inbox: inboxLabel(hit.inbox),
    channel: hit.channel,
    contact: hit.contact,
    contactName: hit.contactName,
    status: hit.status,
    assignee: hit.assignee,
    kind: hit.kind,
    at: hit.at,
    snippet: text,
    highlights,
    local: isLocal,
  }
}

/** Matched words in bold on a terminal that takes it, else between `*`. */
function emphasise(io: CliIo, hit: SearchHit): string {
  const bold = io.isInteractive && io.env.NO_COLOR === undefined
  return snippetParts(hit.snippet)
    .map((part) => {
      const clean = terminalText(part.text)
      if (!part.marked) return clean
      return bold ? `\u001b[1m${clean}\u001b[22m` : `*${clean}*`
    })
    .join('')
}

function printHits(io: CliIo, outcome: SearchOutcome): void {
  if (outcome.hits.length === 0) return say(io, 'Nothing found.')
  const lines = outcome.hits.map((hit) => {
    const contact = terminalText(hit.contactName ? `${hit.contactName} ${hit.contact}` : hit.contact)
    const head = [formatTime(hit.at), hit.conversation, inboxLabel(hit.inbox), hit.channel, contact, hit.status, hit.assignee ?? '-', hit.kind].join('  ')
    return `${head}\n    ${emphasise(io, hit)}`
  })
  io.stdout(`${lines.join('\n')}\n`)
}

export const search = defineCommand({
  name: 'search',
  summary: 'Search the messages, notes and contacts of every conversation you may read, newest first.',
  usage: 'search QUERY [--inbox I] [--channel C] [--status open|archived] [--assignee U] [--since DATE] [--until DATE] [--limit N] [--cursor C] [--json]',
  args: ['query'],
  flags: {
    inbox: { type: 'string' },
    channel: { type: 'string', choices: CHANNELS },
    status: { type: 'string', choices: ['open', 'archived'] },
    assignee: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    limit: { type: 'number' },
    cursor: { type: 'string' },
    ...JSON_FLAG,
    ...CONNECTION_FLAGS,
  },
  help: `
Every word of QUERY must match the start of a word (\`refu\` finds "refund"),
without regard to case or accents (\`creme\` finds "Crème"). Quote a query of
several words: \`huddle search "refund parcel"\`. Contacts are found by name and
number, conversations by id.

Options
  --inbox INBOX      Only this inbox: its id or name, or \`personal\` for your personal inbox
  --channel C        Only sms, whatsapp or chat
  --status S         Only open or archived conversations
  --assignee USER    Only conversations assigned to this user id
  --since DATE       From this date (YYYY-MM-DD, a whole UTC day) or ISO time on
  --until DATE       Up to this date (the whole day) or ISO time
  --limit N          At most N results (default ${DEFAULT_SEARCH_LIMIT}, at most ${MAX_SEARCH_LIMIT})
  --cursor C         The next page: the cursor printed after the previous one
  --json             Print [{"conversation","inbox","channel","contact","contactName","status","assignee",
                     "kind","at","snippet","highlights","local"}]; "kind" is message, note or contact,
                     "at" the match's time in ms, "highlights" the [start, end) of each matched
                     stretch of "snippet", "local" true when searched offline

Offline (the server cannot be reached), huddle searches what this computer's
copy holds, with the same rules, and says so on stderr.

${CONNECTION_HELP}

Examples
  $ huddle search refund
  $ huddle search "late parcel" --inbox Sales --status open --since 2026-01-01
  $ huddle search +1555 --channel whatsapp --json
`,
  async run({ args, flags, io }) {
    const input: SearchInput = {
      q: args.query,
      inbox: flags.inbox,
      channel: flags.channel,
      status: flags.status,
      assignee: flags.assignee,
      since: flags.since,
      until: flags.until,
      limit: flags.limit === undefined ? undefined : String(flags.limit),
      cursor: flags.cursor,
    }
    // Checked before anything is sent: a bad value is reported the same online and offline.
    const query = parseSearchQuery(input)
    let outcome: SearchOutcome
    try {
      outcome = await searchServer(await connect(flags, io), input)
      if (outcome.isRebuilding) say(io, 'The server is rebuilding its search index: results may be missing until it is done.')
    } catch (error) {
      if (!(error instanceof HuddleError) || error.code !== 'unavailable') throw error
      outcome = await withCommandClient(flags, io, async (opened) => {
        const found = await searchReplica(opened.client, query)
        say(io, `Offline: ${opened.server} is not reachable; these results are local, from what this computer's copy holds.`)
        return found
      })
    }
    if (flags.json) printJson(io, outcome.hits.map((hit) => hitJson(hit, outcome.isLocal)))
    else printHits(io, outcome)
    if (outcome.next !== null) say(io, `More results: add \`--cursor ${outcome.next}\`.`)
  },
})
