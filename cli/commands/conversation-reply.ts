import { defineConversationAction } from './conversation-action.js'

export const conversationReply = defineConversationAction({
  verb: 'reply',
  summary: 'Reply to the customer of a conversation.',
  usage: 'conversation reply <id> --body TEXT',
  flags: { body: { type: 'string', isRequired: true } },
  options: `  --body TEXT      The reply (1–4096 characters); it goes out on the conversation's channel,
                   which needs your licence for it`,
  needsMessages: true,
  examples: ['reply c-8f2k1 --body "Your order ships today."'],
  act: (client, id, flags) => client.reply(id, String(flags.body)),
  done: (id) => `Replied in conversation ${id}`,
})
