/**
 * Message templates: approved texts with named placeholders (`{{name}}`).
 * A structured template may only have its placeholders filled (the only
 * thing sendable outside the WhatsApp 24-hour window); a flexible one may be
 * edited by the agent before sending. Templates are settings: admins manage
 * them, agents read them from the `org` document.
 */
import { assertNoProblems, HuddleError } from './errors.js'
import { CHANNELS, isChannel, type Channel } from './users.js'
import { ownFields } from './plain-value.js'

export const TEMPLATE_KINDS = ['structured', 'flexible'] as const
export type TemplateKind = (typeof TEMPLATE_KINDS)[number]

export type Template = {
  readonly name: string
  readonly channel: Channel
  readonly body: string
  readonly kind: TemplateKind
  /** The distinct placeholder names of the body, in order of first use. */
  readonly placeholders: readonly string[]
}

/** What a reply made from a template records. */
export type TemplateUse = { readonly name: string; readonly params: Readonly<Record<string, string>> }

export const MAX_TEMPLATE_BODY = 1024
export const MAX_PLACEHOLDERS = 5
export const MAX_PARAM_LENGTH = 256
const NAME = /^[a-z][a-z0-9_-]{0,63}$/
const PLACEHOLDER_NAME = /^[A-Za-z][A-Za-z0-9_]{0,31}$/
const BRACES = /\{\{(.*?)\}\}/g

export function isTemplateKind(value: unknown): value is TemplateKind {
  return typeof value === 'string' && (TEMPLATE_KINDS as readonly string[]).includes(value)
}

export function templateNameProblems(name: unknown): string[] {
  if (typeof name === 'string' && NAME.test(name)) return []
  return [`Template name \`${String(name)}\` is not valid: use 1–64 lower-case letters, digits, \`_\` and \`-\`, starting with a letter (e.g. \`order_update\`).`]
}

/** The placeholders of a body and the problems with them (malformed braces, too many). */
export function parsePlaceholders(body: string): { placeholders: string[]; problems: string[] } {
  const placeholders: string[] = []
  const problems: string[] = []
  for (const match of body.matchAll(BRACES)) {
    const name = match[1]!.trim()
    if (!PLACEHOLDER_NAME.test(name)) {
      problems.push(`Placeholder \`${match[0]}\` is not valid: name it with a letter, then letters, digits or \`_\`, e.g. \`{{first_name}}\`.`)
      continue
    }
    if (!placeholders.includes(name)) placeholders.push(name)
  }
  const rest = body.replace(BRACES, '')
  if (rest.includes('{{') || rest.includes('}}')) problems.push('The body has unmatched `{{` or `}}`; write placeholders as `{{name}}`.')
  if (placeholders.length > MAX_PLACEHOLDERS)
    problems.push(`The body has ${placeholders.length} placeholders (${placeholders.join(', ')}); a template may have at most ${MAX_PLACEHOLDERS}.`)
  return { placeholders, problems }
}

/** A template as an admin gives it: `kind` is `structured` unless said. */
export type TemplateFields = { readonly name: string; readonly channel: Channel; readonly body: string; readonly kind?: TemplateKind }

/** Problems with a value that should be a channel, and one that should be a template kind (empty when fine). */
export function templateChoiceProblems(channel: unknown, kind: unknown): string[] {
  return [
    ...(isChannel(channel) ? [] : [`Channel \`${String(channel)}\` is not one of ${CHANNELS.join(', ')}.`]),
    ...(kind === undefined || isTemplateKind(kind) ? [] : [`Template kind \`${String(kind)}\` is not one of ${TEMPLATE_KINDS.join(', ')}.`]),
  ]
}

/** Problems with a value that should be a template body (empty when fine). */
export function templateBodyProblems(body: unknown): string[] {
  if (typeof body !== 'string' || body.trim().length === 0 || body.length > MAX_TEMPLATE_BODY)
    return [`A template body needs 1–${MAX_TEMPLATE_BODY} characters${typeof body === 'string' ? `; it has ${body.length}` : ''}.`]
  return parsePlaceholders(body).problems
}

/** Validates a template, every problem at once. */
export function parseTemplate(input: TemplateFields): Template {
  assertNoProblems([...templateNameProblems(input.name), ...templateBodyProblems(input.body)], 'The template is not valid:')
  const body = input.body.trim()
  return { name: input.name, channel: input.channel, body, kind: input.kind ?? 'structured', placeholders: parsePlaceholders(input.body).placeholders }
}

/** Problems with the params given for a template: missing, unknown, empty or too long (empty when fine). */
export function templateParamsProblems(template: Template, params: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = []
  const missing = template.placeholders.filter((p) => !Object.hasOwn(params, p))
  const unknown = Object.keys(params).filter((p) => !template.placeholders.includes(p))
  const expected = template.placeholders.length > 0 ? `its placeholders are ${template.placeholders.join(', ')}` : 'it has no placeholders'
  if (missing.length > 0)
    problems.push(`Template \`${template.name}\` needs a value for ${missing.join(', ')}: give ${missing.map((p) => `\`--param ${p}=…\``).join(' ')}.`)
  if (unknown.length > 0) problems.push(`Template \`${template.name}\` has no placeholder ${unknown.map((p) => `\`${p}\``).join(', ')}; ${expected}.`)
  for (const [name, value] of Object.entries(params)) {
    if (unknown.includes(name)) continue
    if (typeof value !== 'string' || value.trim().length === 0 || value.length > MAX_PARAM_LENGTH || /[\r\n\t]/.test(value))
      problems.push(`The value of \`${name}\` must be 1–${MAX_PARAM_LENGTH} characters on one line.`)
  }
  return problems
}

/** The body with the placeholders that have a non-empty param filled in, the others left as `{{name}}` (a preview while filling). */
export function fillTemplate(template: Template, params: Readonly<Record<string, string>>): string {
  return template.body.replace(BRACES, (whole, inner: string) => {
    const value = Object.hasOwn(params, inner.trim()) ? params[inner.trim()]! : ''
    return value === '' ? whole : value
  })
}

/** The template's body with every placeholder replaced by its param; throws `invalid` naming wrong params. */
export function renderTemplate(template: Template, params: Readonly<Record<string, string>>): string {
  const problems = templateParamsProblems(template, params)
  if (problems.length > 0) throw new HuddleError('invalid', problems.join(' '), problems)
  return fillTemplate(template, params)
}

/** The text of a reply made from a template: rendered, or the agent's edit of a flexible one. */
export function templateReplyBody(template: Template, params: Readonly<Record<string, string>>, edited?: string): string {
  const rendered = renderTemplate(template, params)
  if (edited === undefined) return rendered
  if (template.kind === 'structured')
    throw new HuddleError('invalid', `Template \`${template.name}\` is structured: only its placeholders may change, so give no edited text (leave out \`--body\`).`)
  return edited
}

/** Finds a template by name among `templates`, or throws `not-found` saying how to list them. */
export function findTemplate(templates: Readonly<Record<string, Template>>, name: string): Template {
  const template = Object.hasOwn(templates, name) ? templates[name] : undefined
  if (!template) throw new HuddleError('not-found', `There is no template \`${name}\`. List them with \`huddle template list\`.`)
  return template
}

/** Parses `key=value` words (from `--param`) into params; every problem at once. */
export function parseParamWords(words: readonly string[]): { params: Record<string, string>; problems: string[] } {
  const params: Record<string, string> = {}
  const problems: string[] = []
  for (const word of words) {
    const at = word.indexOf('=')
    if (at <= 0) {
      problems.push(`Param \`${word}\` is not \`name=value\`; give it like \`--param first_name=Ada\`.`)
      continue
    }
    const name = word.slice(0, at).trim()
    if (Object.hasOwn(params, name)) problems.push(`Param \`${name}\` is given twice; give it once.`)
    params[name] = word.slice(at + 1)
  }
  return { params, problems }
}

/** Whether a value has the shape of a TemplateUse (as recorded on a message). */
export function isTemplateUse(value: unknown): value is TemplateUse {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const use = ownFields(value)
  if (typeof use.name !== 'string' || typeof use.params !== 'object' || use.params === null || Array.isArray(use.params)) return false
  if (Object.keys(use).some((k) => k !== 'name' && k !== 'params')) return false
  const params = Object.values(use.params as Record<string, unknown>)
  return params.length <= MAX_PLACEHOLDERS && params.every((v) => typeof v === 'string')
}
