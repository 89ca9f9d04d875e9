import { defineConversationAction } from './conversation-action.js'

const names = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [])

export const conversationLabel = defineConversationAction({
  verb: 'label',
  summary: 'Add labels to a conversation or remove them, by name.',
  usage: 'conversation label <id>… [--add LABEL]… [--remove LABEL]…',
  flags: { add: { type: 'string', isMultiple: true }, remove: { type: 'string', isMultiple: true } },
  options: `  --add LABEL      A label to add, by name (see \`huddle label list\`); repeat for more
  --remove LABEL   A label to take off, by name; repeat for more
                   (labels already as asked are left alone; for each label the latest
                   add or remove wins, offline too)`,
  check: (flags) => (names(flags.add).length + names(flags.remove).length === 0 ? ['Say which labels: give `--add LABEL` or `--remove LABEL` (repeatable).'] : []),
  examples: ['label c-8f2k1 --add VIP', 'label c-8f2k1 --add "Billing issue" --remove VIP', 'label c-8f2k1 --remove spam', 'label c-8f2k1 c-3m9qa c-77hd2 --add VIP'],
  actOnEach: (client, ids, flags) => client.bulkLabel(ids, { add: names(flags.add), remove: names(flags.remove) }),
  done: (id, flags) =>
    [
      names(flags.add).length > 0 ? `Labelled conversation ${id} ${names(flags.add).join(', ')}` : '',
      names(flags.remove).length > 0 ? `${names(flags.add).length > 0 ? '; removed' : `Removed from conversation ${id}`} ${names(flags.remove).join(', ')}` : '',
    ].join(''),
})
