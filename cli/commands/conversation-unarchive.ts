import { defineConversationAction } from './conversation-action.js'

export const conversationUnarchive = defineConversationAction({
  verb: 'unarchive',
  summary: 'Reopen an archived conversation.',
  usage: 'conversation unarchive <id>…',
  examples: ['unarchive c-8f2k1', 'unarchive c-8f2k1 c-3m9qa'],
  request: () => ({ kind: 'unarchive' }),
  done: (id) => `Unarchived conversation ${id}`,
})
