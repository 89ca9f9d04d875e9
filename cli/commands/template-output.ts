/** Templates as the server answers them, read once, and how they are printed. */
import { HuddleError } from '../../core/errors.js'
import { previewOf } from '../../core/message.js'
import { HUDDLE_VERSION } from '../../core/wire.js'
import type { CliIo } from '../io.js'
import { printRecord, printTable } from '../output.js'

export type TemplateView = {
  readonly name: string
  readonly channel: string
  readonly body: string
  readonly kind: string
  readonly placeholders: readonly string[]
}

function misunderstood(detail: string): HuddleError {
  return new HuddleError(
    'unsupported-version',
    `The server's answer (template) is not one huddle ${HUDDLE_VERSION} understands: ${detail}. Check that the server runs the same huddle version.`,
  )
}

export function readTemplate(value: unknown): TemplateView {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw misunderstood('not an object')
  const t = value as Record<string, unknown>
  for (const key of ['name', 'channel', 'body', 'kind'] as const) if (typeof t[key] !== 'string') throw misunderstood(`\`${key}\` is missing`)
  if (!Array.isArray(t.placeholders) || !t.placeholders.every((p) => typeof p === 'string')) throw misunderstood('`placeholders` is not a list')
  return { name: t.name as string, channel: t.channel as string, body: t.body as string, kind: t.kind as string, placeholders: t.placeholders as string[] }
}

export function readTemplates(value: unknown): TemplateView[] {
  if (!Array.isArray(value)) throw misunderstood('not a list')
  return value.map(readTemplate)
}

export function templatePath(name: string): string {
  return `/templates/${encodeURIComponent(name)}`
}

export function printTemplates(io: CliIo, templates: readonly TemplateView[]): void {
  printTable(
    io,
    templates,
    [
      { header: 'NAME', value: (t) => t.name },
      { header: 'CHANNEL', value: (t) => t.channel },
      { header: 'KIND', value: (t) => t.kind },
      { header: 'PLACEHOLDERS', value: (t) => t.placeholders },
      { header: 'BODY', value: (t) => previewOf(t.body, 60) },
    ],
    'No templates yet. Add one with `huddle template add NAME --channel whatsapp --body "Hi {{name}}, …"`.',
  )
}

export function printTemplate(io: CliIo, template: TemplateView): void {
  printRecord(io, [
    ['Name', template.name],
    ['Channel', template.channel],
    ['Kind', template.kind],
    ['Placeholders', template.placeholders],
    ['Body', template.body],
  ])
}
