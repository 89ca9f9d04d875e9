/** Every command of `huddle`, in the order `huddle --help` lists them, and the nouns that group them. */
import type { Command } from './command.js'
import { availabilityList } from './commands/availability-list.js'
import { availabilitySet } from './commands/availability-set.js'
import { completion } from './commands/completion.js'
import { conversationArchive } from './commands/conversation-archive.js'
import { conversationAssign } from './commands/conversation-assign.js'
import { conversationClaim } from './commands/conversation-claim.js'
import { conversationList } from './commands/conversation-list.js'
import { conversationLabel } from './commands/conversation-label.js'
import { conversationNote } from './commands/conversation-note.js'
import { conversationPriority } from './commands/conversation-priority.js'
import { conversationReply } from './commands/conversation-reply.js'
import { conversationShow } from './commands/conversation-show.js'
import { conversationTakeover } from './commands/conversation-takeover.js'
import { conversationSnooze } from './commands/conversation-snooze.js'
import { conversationUnarchive } from './commands/conversation-unarchive.js'
import { conversationUnassign } from './commands/conversation-unassign.js'
import { conversationUnsnooze } from './commands/conversation-unsnooze.js'
import { dashboard } from './commands/dashboard.js'
import { demo } from './commands/demo.js'
import { heldDiscard } from './commands/held-discard.js'
import { heldList } from './commands/held-list.js'
import { heldSend } from './commands/held-send.js'
import { inbound } from './commands/inbound.js'
import { inboxCreate } from './commands/inbox-create.js'
import { inboxDelete } from './commands/inbox-delete.js'
import { inboxEdit } from './commands/inbox-edit.js'
import { inboxList } from './commands/inbox-list.js'
import { inboxMembers } from './commands/inbox-members.js'
import { inboxShow } from './commands/inbox-show.js'
import { inboxStats } from './commands/inbox-stats.js'
import { labelAdd } from './commands/label-add.js'
import { labelEdit } from './commands/label-edit.js'
import { labelList } from './commands/label-list.js'
import { labelRemove } from './commands/label-remove.js'
import { login } from './commands/login.js'
import { logout } from './commands/logout.js'
import { outboxList } from './commands/outbox-list.js'
import { routingAdd } from './commands/routing-add.js'
import { routingList } from './commands/routing-list.js'
import { routingRemove } from './commands/routing-remove.js'
import { routingTest } from './commands/routing-test.js'
import { routingUnrouted } from './commands/routing-unrouted.js'
import { search } from './commands/search.js'
import { serve } from './commands/serve.js'
import { templateAdd } from './commands/template-add.js'
import { templateEdit } from './commands/template-edit.js'
import { templateList } from './commands/template-list.js'
import { templateRemove } from './commands/template-remove.js'
import { slaBreaches } from './commands/sla-breaches.js'
import { slaClear } from './commands/sla-clear.js'
import { slaSet } from './commands/sla-set.js'
import { slaShow } from './commands/sla-show.js'
import { sync } from './commands/sync.js'
import { userAdd } from './commands/user-add.js'
import { userEdit } from './commands/user-edit.js'
import { userList } from './commands/user-list.js'
import { userRemove } from './commands/user-remove.js'
import { userToken } from './commands/user-token.js'
import { whoami } from './commands/whoami.js'

export const COMMANDS: readonly Command[] = [
  serve,
  login,
  logout,
  whoami,
  sync,
  dashboard,
  demo,
  conversationList,
  conversationShow,
  conversationClaim,
  conversationTakeover,
  conversationAssign,
  conversationUnassign,
  conversationArchive,
  conversationUnarchive,
  conversationSnooze,
  conversationUnsnooze,
  conversationLabel,
  conversationPriority,
  conversationReply,
  conversationNote,
  search,
  heldList,
  heldSend,
  heldDiscard,
  availabilitySet,
  availabilityList,
  userList,
  userAdd,
  userEdit,
  userRemove,
  userToken,
  inboxList,
  inboxShow,
  inboxCreate,
  inboxEdit,
  inboxDelete,
  inboxMembers,
  inboxStats,
  routingList,
  routingAdd,
  routingRemove,
  routingTest,
  routingUnrouted,
  templateList,
  templateAdd,
  templateEdit,
  templateRemove,
  labelList,
  labelAdd,
  labelEdit,
  labelRemove,
  slaSet,
  slaShow,
  slaClear,
  slaBreaches,
  inbound,
  outboxList,
  completion,
]

/** Nouns whose verbs are commands, with what they are about. */
export const NOUNS: Readonly<Record<string, string>> = {
  user: 'Users: their permission, digital licences and tokens.',
  inbox: 'Shared inboxes: their settings and members.',
  routing: 'Routing policies: which inbox the first message of a conversation goes to.',
  outbox: 'Replies handed to the channels, with their delivery status.',
  template: 'Message templates agents reply with (required outside the WhatsApp 24-hour window).',
  label: 'The labels agents give conversations: name and colour (admins manage them).',
  conversation: 'Conversations of your inboxes: list, show, claim, take over, assign, archive, snooze, label, prioritise, reply, note. Works offline.',
  availability: 'Whether you take work (available, busy, away), and who is online.',
  sla: 'SLA policies per inbox (first response, next response, resolution) and the breaches recorded.',
  held: 'Your replies the server held because the conversation moved on: send or discard them.',
}
