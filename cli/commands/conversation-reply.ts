import { assertNoProblems } from '../../core/errors.js'
import { findTemplate, parseParamWords, templateReplyBody } from '../../core/template.js'
import { BODY_FLAGS, BODY_HELP, bodyFlagProblems } from '../body-input.js'
import { defineConversationAction } from './conversation-action.js'

export const conversationReply = defineConversationAction({
  verb: 'reply',
  summary: 'Reply to the customer of a conversation, in your words or from a template.',
  usage: 'conversation reply <id> (--body TEXT | --body-file FILE | --template NAME [--param NAME=VALUE]… [--body TEXT])',
  flags: {
    ...BODY_FLAGS,
    template: { type: 'string' },
    param: { type: 'string', isMultiple: true, isWhole: true },
  },
  options: `  --body TEXT          The reply (1–4096 characters); it goes out on the conversation's channel,
                       which needs your licence for it. With a flexible --template: your edit of its text
${BODY_HELP.replace(/^ {19}/, '                       ').replace('--body-file FILE ', '--body-file FILE     ')}
  --template NAME      Reply with a template (see \`huddle template list\`); outside the WhatsApp
                       24-hour window only a structured template can be sent
  --param NAME=VALUE   A value for a placeholder {{NAME}} of the template; give one per placeholder
                       (SMS replies to a contact who texted STOP are refused until they text START)`,
  needsMessages: true,
  check: (flags) => [
    ...(flags.body === undefined && flags.bodyFile === undefined && flags.template === undefined
      ? ['Say what to send: give `--body TEXT` (`--body -` reads standard input), `--body-file FILE`, or `--template NAME` with its `--param NAME=VALUE`s.']
      : flags.template === undefined && ((flags.param as readonly string[] | undefined)?.length ?? 0) > 0
        ? ['`--param` fills a template’s placeholders; give `--template NAME` with it.']
        : []),
    ...bodyFlagProblems(flags),
  ],
  examples: [
    'reply c-8f2k1 --body "Your order ships today."',
    'reply c-8f2k1 --body-file answer.txt --json',
    'reply c-8f2k1 --template order_shipped --param name=Ada --param order=#1042',
  ],
  act: (client, id, flags) => {
    if (flags.template === undefined) return client.reply(id, String(flags.body))
    const name = String(flags.template)
    const template = findTemplate(client.templates(), name)
    const { params, problems } = parseParamWords((flags.param as readonly string[] | undefined) ?? [])
    assertNoProblems(problems, 'The template params are not valid:')
    const body = templateReplyBody(template, params, flags.body === undefined ? undefined : String(flags.body))
    return client.reply(id, body, { name, params })
  },
  done: (id, flags) => (flags.template === undefined ? `Replied in conversation ${id}` : `Replied in conversation ${id} with template ${String(flags.template)}`),
})
