/** How templates (read by core/http-contract/template-contract.ts) are printed. */
import { previewOf } from '../../core/message.js'
import type { Template } from '../../core/template.js'
import type { CliIo } from '../io.js'
import { printRecord, printTable } from '../output.js'

export function templatePath(name: string): string {
  return `/templates/${encodeURIComponent(name)}`
}

export function printTemplates(io: CliIo, templates: readonly Template[]): void {
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

export function printTemplate(io: CliIo, template: Template): void {
  printRecord(io, [
    ['Name', template.name],
    ['Channel', template.channel],
    ['Kind', template.kind],
    ['Placeholders', template.placeholders],
    ['Body', template.body],
  ])
}
