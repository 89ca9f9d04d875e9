import { defineConversationAction } from './conversation-action.js'

export const conversationTakeover = defineConversationAction({
  verb: 'takeover',
  summary: 'Take a conversation over from whoever holds it.',
  usage: 'conversation takeover <id>',
  examples: ['takeover c-8f2k1'],
  act: (client, id) => client.takeover(id),
  done: (id) => `Took over conversation ${id}`,
})
