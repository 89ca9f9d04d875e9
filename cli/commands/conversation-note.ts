import { defineConversationAction } from './conversation-action.js'

export const conversationNote = defineConversationAction({
  verb: 'note',
  summary: 'Add an internal note to a conversation; @user mentions notify members.',
  usage: 'conversation note <id> --body TEXT',
  flags: { body: { type: 'string', isRequired: true } },
  options: '  --body TEXT      The note (1–4096 characters), never sent to the customer; @bob mentions bob',
  needsMessages: true,
  examples: ['note c-8f2k1 --body "@bob can you check the refund?"'],
  act: (client, id, flags) => client.note(id, String(flags.body)),
  done: (id) => `Added a note to conversation ${id}`,
})
