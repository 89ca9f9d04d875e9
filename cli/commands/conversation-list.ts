import { HuddleError } from '../../core/errors.js'
import { VIEWS, VIEW_TITLES, type View } from '../../core/views.js'
import { findLabel } from '../../core/label.js'
import { PRIORITIES, type Priority } from '../../core/priority.js'
import { offlineNote, withCommandClient } from '../client/command-client.js'
import type { ConversationRow } from '../client/inbox-view.js'
import { defineCommand } from '../command.js'
import { JSON_FLAG } from '../flags.js'
import { printJson, say } from '../output.js'
import { CONNECTION_FLAGS, CONNECTION_HELP } from '../session.js'
import { archivedPage } from './archived-page.js'
import { printRows, rowJson, slaJson } from './conversation-output.js'
import { rowSla } from '../client/row-sla.js'
import { compareDue, type SlaStatus } from '../../core/sla.js'
import { DEFAULT_PAGE, MAX_PAGE, pageSizeProblems } from '../../core/archived-page.js'

export const conversationList = defineCommand({
  name: 'conversation list',
  summary: 'List the conversations of your inboxes, by view, from this computer’s copy.',
  usage: 'conversation list [--inbox INBOX] [--view mine|others|unassigned|archived|snoozed] [--label LABEL]… [--priority urgent|high|normal|low] [--sort recent|due] [--limit N] [--before CURSOR] [--json]',
  args: [],
  flags: {
    inbox: { type: 'string' },
    view: { type: 'string', choices: VIEWS },
    label: { type: 'string', isMultiple: true },
    priority: { type: 'string', choices: PRIORITIES },
    sort: { type: 'string', choices: ['recent', 'due'] },
    limit: { type: 'number', check: (v) => pageSizeProblems(Number(v))[0] },
    before: { type: 'string' },
    ...JSON_FLAG,
    ...CONNECTION_FLAGS,
  },
  help: `
Options
  --inbox INBOX    Only this inbox: its id or name, or \`personal\` for your personal inbox
  --view VIEW      Only one view: mine (assigned to me), others (assigned to another),
                   unassigned, archived, snoozed (asleep until a time or until the customer writes)
  --label LABEL    Only those with this label, by name (see \`huddle label list\`); repeat for
                   those with all of them
  --priority P     Only those of this priority: urgent, high, normal or low
  --sort due       Soonest SLA target first (the most overdue first of all), conversations
                   without an SLA last; the default, recent, puts the newest message first
  --json           Print [{"id","inbox","channel","contact","status","assignee","view","priority","labels",
                   "snoozedUntil","lastMessageAt","window","sla"}] (times in milliseconds since the epoch).
                   "priority" is urgent, high, normal or low; "labels" the labels' names. "snoozedUntil"
                   is when a snoozed conversation wakes (an ISO time, or "reply": when the
                   customer writes), null when it is awake. "window" is WhatsApp's 24-hour window
                   to reply freely: {"kind":"open","closesAt"}, {"kind":"closed","closedAt"}
                   (closedAt null when the customer never wrote), {"kind":"none"} on other
                   channels, or null when not known yet. "sla" is the next SLA target of the
                   inbox's policy: {"kind":"first-response"|"next-response"|"resolution",
                   "due" (ISO time),"state":"ok"|"warning"|"breached"}, or null
  --limit N        With --view archived: this many per page (default ${DEFAULT_PAGE}, at most ${MAX_PAGE})
  --before CURSOR  With --view archived: the page after the one that printed this cursor

The Archived view lists every archived conversation, newest archived first,
one page at a time: the recent ones from this computer's copy, older ones
(in history) from the server. With --json it prints {"rows": [...], "next"}:
each row as above plus "inHistory" (true for one in history) and
"archivedStamp"; "next" is the cursor for --before, null on the last page.
Offline it lists only the recent ones and says that older ones need the server.

The SLA column shows the time left to the next SLA target (\`12m\`) or how long it
is overdue (\`overdue 5m\`); see \`huddle sla set --help\`.

The WINDOW column shows the time left to reply freely on WhatsApp, by the
server's clock (\`23h 05m left\`, \`window closed\`); past it, only a structured
template can be sent.

The list comes from this computer's copy, brought up to date first when the
server can be reached within a couple of seconds; offline it shows the last
known state.

${CONNECTION_HELP}

Examples
  $ huddle conversation list
  $ huddle conversation list --inbox Sales --view unassigned
  $ huddle conversation list --view mine --json
  $ huddle conversation list --view snoozed
  $ huddle conversation list --label VIP --priority urgent
  $ huddle conversation list --view unassigned --sort due
  $ huddle conversation list --view archived --limit 50 --json
`,
  async run({ flags, io }) {
    await withCommandClient(flags, io, async (opened, state) => {
      const { client } = opened
      const inboxes = client.inboxList()
      const chosen = flags.inbox === undefined ? inboxes : [client.findInbox(flags.inbox)].filter((i) => i !== null)
      if (flags.inbox !== undefined && chosen.length === 0)
        throw new HuddleError(
          'not-found',
          `You are not a member of an inbox \`${flags.inbox}\`. Your inboxes: ${inboxes.map((i) => (i.kind === 'personal' ? 'personal' : i.name)).join(', ') || 'none'}.`,
        )
      const view = flags.view as View | undefined
      const labels = client.labels()
      // A removed label is no longer in the catalogue, so it filters nothing: it is refused as unknown.
      const wanted = (flags.label ?? []).map((name) => findLabel(labels, name).id)
      const priority = flags.priority as Priority | undefined
      const isWanted = (row: ConversationRow): boolean => wanted.every((id) => row.labels.includes(id)) && (priority === undefined || row.priority === priority)
      if ((flags.limit !== undefined || flags.before !== undefined) && view !== 'archived')
        throw new HuddleError('invalid', 'Only the Archived view is paged: add `--view archived` to use `--limit` or `--before`.')
      if (flags.sort !== undefined && view === 'archived') throw new HuddleError('invalid', 'The Archived view is listed newest archived first: leave out `--sort`.')
      if (view === 'archived') {
        const page = await archivedPage(opened, chosen, flags.before ?? null, flags.limit ?? DEFAULT_PAGE, state.kind === 'online')
        const note = page.hasHistory ? null : `Offline: listing the recently archived conversations on this computer; older ones are in history and need the server at ${opened.server}.`
        if (note) say(io, note)
        const now = client.now()
        const shown = page.rows.filter(isWanted)
        if (flags.json) return printJson(io, { rows: shown.map((row) => ({ ...rowJson(row, now, labels), inHistory: row.inHistory, archivedStamp: row.archivedStamp })), next: page.next })
        printRows(io, shown, now, labels, 'No archived conversations.')
        if (page.next !== null) say(io, `More: add \`--before ${page.next}\`.`)
        return
      }
      const now = client.now()
      const policies = new Map(chosen.map((inbox) => [inbox.doc, inbox.sla]))
      const slas = new Map<ConversationRow, SlaStatus | null>()
      const slaOf = (row: ConversationRow): SlaStatus | null => {
        if (!slas.has(row)) slas.set(row, rowSla(row, policies.get(row.inbox) ?? null, now))
        return slas.get(row)!
      }
      const byRecent = (a: ConversationRow, b: ConversationRow): number => b.lastMessageAt - a.lastMessageAt
      const rows: ConversationRow[] = chosen
        .flatMap((inbox) => client.rows(inbox.doc, view))
        .filter(isWanted)
        .sort(flags.sort === 'due' ? (a, b) => compareDue(slaOf(a), slaOf(b)) || byRecent(a, b) : byRecent)
      const note = offlineNote(opened, state)
      if (note) say(io, note)
      if (flags.json) return printJson(io, rows.map((row) => ({ ...rowJson(row, now, labels), sla: slaJson(slaOf(row)) })))
      printRows(io, rows, now, labels, view === undefined ? 'No conversations.' : `No conversations in ${VIEW_TITLES[view]}.`, chosen.some((inbox) => inbox.sla !== null) ? slaOf : undefined)
      for (const inbox of chosen)
        say(io, `${inbox.kind === 'personal' ? 'Personal' : inbox.name}: ${VIEWS.map((v) => `${inbox.counts[v]} ${v}`).join(', ')}.`)
    })
  },
})
