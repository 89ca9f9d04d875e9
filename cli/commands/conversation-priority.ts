import { HuddleError } from '../../core/errors.js'
import { isPriority, PRIORITIES, priorityRefusal } from '../../core/priority.js'
import { defineConversationAction } from './conversation-action.js'

export const conversationPriority = defineConversationAction({
  verb: 'priority',
  summary: 'Set the priority of a conversation: urgent, high, normal or low.',
  usage: `conversation priority <id>… ${PRIORITIES.join('|')}`,
  argument: {
    name: 'priority',
    choices: PRIORITIES,
    help: `  <priority>       ${PRIORITIES.join(', ')} (normal is the default); rows mark urgent with !!,
                   high with ! and low with ↓. The latest priority set wins, offline too`,
  },
  check: (flags) => (flags.priority === undefined || isPriority(flags.priority) ? [] : [priorityRefusal(String(flags.priority))]),
  examples: ['priority c-8f2k1 urgent', 'priority c-8f2k1 normal', 'priority c-8f2k1 c-3m9qa c-77hd2 high', 'priority - low < ids.txt'],
  request: (_client, _id, flags) => {
    // The check above refused anything else before connecting; this narrows the type.
    if (!isPriority(flags.priority)) throw new HuddleError('invalid', priorityRefusal(String(flags.priority)))
    return { kind: 'priority', priority: flags.priority }
  },
  done: (id, flags) => `Set conversation ${id} to ${String(flags.priority)} priority`,
})
