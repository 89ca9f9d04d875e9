import { defineConversationAction } from './conversation-action.js'

export const conversationClaim = defineConversationAction({
  verb: 'claim',
  summary: 'Assign an unassigned conversation to yourself.',
  usage: 'conversation claim <id>',
  examples: ['claim c-8f2k1'],
  act: (client, id) => client.claim(id),
  done: (id) => `Claimed conversation ${id}`,
})
