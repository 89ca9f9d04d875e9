import { defineConversationAction } from './conversation-action.js'

export const conversationUnsnooze = defineConversationAction({
  verb: 'unsnooze',
  summary: 'Wake a snoozed conversation now.',
  usage: 'conversation unsnooze <id>…',
  examples: ['unsnooze c-8f2k1', 'unsnooze c-8f2k1 c-3m9qa'],
  request: () => ({ kind: 'unsnooze' }),
  done: (id) => `Woke conversation ${id}`,
})
