/**
 * The HTTP contract of `/api/v1/templates…`: the bodies the server takes,
 * parsed into domain values, and the templates it answers, read back by the CLI.
 */
import { assertNoProblems } from '../errors.js'
import type { PlainValue } from '../plain-value.js'
import { isTemplateKind, templateBodyProblems, templateChoiceProblems, templateNameProblems, type Template, type TemplateFields } from '../template.js'
import type { TemplatePatch } from '../template-settings.js'
import { isChannel } from '../users.js'
import { answerFields, answerList, answerText, answerTexts, misunderstood } from './answer-fields.js'
import { field, fieldsOf } from './request-fields.js'

/** The body of `POST /api/v1/templates`: `{name, channel, body, kind?}`. */
export function parseNewTemplate(body: PlainValue): TemplateFields {
  const fields = fieldsOf(body, ['name', 'channel', 'body', 'kind'])
  const [name, channel, text, kind] = [field(fields, 'name'), field(fields, 'channel'), field(fields, 'body'), field(fields, 'kind')]
  assertNoProblems([...templateNameProblems(name), ...templateChoiceProblems(channel, kind), ...templateBodyProblems(text)], 'The template is not valid:')
  const known = isChannel(channel) ? channel : undefined
  return { name: String(name), channel: known!, body: String(text), ...(isTemplateKind(kind) ? { kind } : {}) }
}

/** The body of `PATCH /api/v1/templates/:name`: `{channel?, body?, kind?}`. */
export function parseTemplatePatch(body: PlainValue): TemplatePatch {
  const fields = fieldsOf(body, ['channel', 'body', 'kind'])
  const [channel, text, kind] = [field(fields, 'channel'), field(fields, 'body'), field(fields, 'kind')]
  assertNoProblems(
    [...(channel === undefined ? [] : templateChoiceProblems(channel, undefined)), ...templateChoiceProblems('sms', kind), ...(text === undefined ? [] : templateBodyProblems(text))],
    'The template is not valid:',
  )
  return {
    ...(isChannel(channel) ? { channel } : {}),
    ...(typeof text === 'string' ? { body: text } : {}),
    ...(isTemplateKind(kind) ? { kind } : {}),
  }
}

/** A template as the server answers it. */
export function readTemplate(value: unknown): Template {
  const r = answerFields(value, 'template')
  const channel = answerText(r, 'channel', 'template')
  const kind = answerText(r, 'kind', 'template')
  if (!isChannel(channel)) throw misunderstood('template', `channel \`${channel}\` is not one it knows`)
  if (!isTemplateKind(kind)) throw misunderstood('template', `kind \`${kind}\` is not one it knows`)
  return { name: answerText(r, 'name', 'template'), channel, body: answerText(r, 'body', 'template'), kind, placeholders: answerTexts(r, 'placeholders', 'template') }
}

export function readTemplates(value: unknown): Template[] {
  return answerList(value, 'templates').map(readTemplate)
}
