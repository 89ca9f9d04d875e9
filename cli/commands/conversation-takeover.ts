import { defineConversationAction } from './conversation-action.js'

export const conversationTakeover = defineConversationAction({
  verb: 'takeover',
  summary: 'Take a conversation over from whoever holds it.',
  usage: 'conversation takeover <id>…',
  examples: ['takeover c-8f2k1', 'takeover c-8f2k1 c-3m9qa'],
  request: () => ({ kind: 'takeover' }),
  done: (id) => `Took over conversation ${id}`,
})
