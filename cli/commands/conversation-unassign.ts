import { defineConversationAction } from './conversation-action.js'

export const conversationUnassign = defineConversationAction({
  verb: 'unassign',
  summary: 'Leave a conversation without assignee.',
  usage: 'conversation unassign <id>…',
  examples: ['unassign c-8f2k1', 'unassign c-8f2k1 c-3m9qa'],
  request: () => ({ kind: 'unassign' }),
  done: (id) => `Unassigned conversation ${id}`,
})
