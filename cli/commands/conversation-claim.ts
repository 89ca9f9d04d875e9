import { defineConversationAction } from './conversation-action.js'

export const conversationClaim = defineConversationAction({
  verb: 'claim',
  summary: 'Assign an unassigned conversation to yourself.',
  usage: 'conversation claim <id>…',
  examples: ['claim c-8f2k1', 'claim c-8f2k1 c-3m9qa c-77hd2', 'claim - --json < ids.txt'],
  request: () => ({ kind: 'claim' }),
  done: (id) => `Claimed conversation ${id}`,
})
