import { defineConversationAction } from './conversation-action.js'

export const conversationArchive = defineConversationAction({
  verb: 'archive',
  summary: 'Archive a conversation (whoever holds it keeps it).',
  usage: 'conversation archive <id>',
  examples: ['archive c-8f2k1'],
  act: (client, id) => client.archive(id),
  done: (id) => `Archived conversation ${id}`,
})
