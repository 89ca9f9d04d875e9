import { BODY_FLAGS, BODY_HELP, bodyFlagProblems } from '../body-input.js'
import { defineConversationAction } from './conversation-action.js'

export const conversationNote = defineConversationAction({
  verb: 'note',
  summary: 'Add an internal note to a conversation; @user mentions notify members.',
  usage: 'conversation note <id> (--body TEXT | --body - | --body-file FILE)',
  flags: BODY_FLAGS,
  check: (flags) => [
    ...(flags.body === undefined && flags.bodyFile === undefined ? ['Give the note with `--body TEXT`, `--body -` (standard input) or `--body-file FILE`.'] : []),
    ...bodyFlagProblems(flags),
  ],
  options: `  --body TEXT      The note (1–4096 characters), never sent to the customer; @bob mentions bob
${BODY_HELP}`,
  needsMessages: true,
  examples: ['note c-8f2k1 --body "@bob can you check the refund?"', 'note c-8f2k1 --body - < call-notes.txt'],
  act: (client, id, flags) => client.note(id, String(flags.body)),
  done: (id) => `Added a note to conversation ${id}`,
})
