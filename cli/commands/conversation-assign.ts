import { defineConversationAction } from './conversation-action.js'

export const conversationAssign = defineConversationAction({
  verb: 'assign',
  summary: 'Assign a conversation to a member of its inbox.',
  usage: 'conversation assign <id>… --to USER',
  flags: { to: { type: 'string', isRequired: true } },
  options: '  --to USER        The member to assign it to (a user id)',
  examples: ['assign c-8f2k1 --to bob', 'assign c-8f2k1 c-3m9qa c-77hd2 --to bob'],
  request: (_client, _id, flags) => ({ kind: 'assign', to: String(flags.to) }),
  done: (id, flags) => `Assigned conversation ${id} to ${String(flags.to)}`,
})
