import { defineConversationAction } from './conversation-action.js'

export const conversationArchive = defineConversationAction({
  verb: 'archive',
  summary: 'Archive a conversation (whoever holds it keeps it).',
  usage: 'conversation archive <id>…',
  examples: ['archive c-8f2k1', 'archive c-8f2k1 c-3m9qa c-77hd2', 'archive - < ids.txt'],
  request: () => ({ kind: 'archive' }),
  done: (id) => `Archived conversation ${id}`,
})
