/** Adding, changing and removing the organisation's message templates: pure changes of the directory. */
import type { Directory } from './directory.js'
import { HuddleError } from './errors.js'
import { findTemplate, parseTemplate, type Template, type TemplateFields, type TemplateKind } from './template.js'
import type { Channel } from './users.js'

export function listTemplates(dir: Pick<Directory, 'templates'>): Template[] {
  return Object.values(dir.templates).sort((a, b) => a.name.localeCompare(b.name))
}

export function addTemplate(dir: Directory, input: TemplateFields): { directory: Directory; template: Template } {
  const template = parseTemplate(input)
  if (Object.hasOwn(dir.templates, template.name))
    throw new HuddleError('conflict', `Template \`${template.name}\` already exists. Change it with \`huddle template edit ${template.name}\`.`)
  return { directory: { ...dir, templates: { ...dir.templates, [template.name]: template } }, template }
}

/** A change of a template: only the fields given change. */
export type TemplatePatch = { readonly channel?: Channel; readonly body?: string; readonly kind?: TemplateKind }

/** Changes a template's channel, body or kind; replies already made from it keep what they recorded. */
export function editTemplate(dir: Directory, name: string, patch: TemplatePatch): { directory: Directory; template: Template } {
  const current = findTemplate(dir.templates, name)
  const template = parseTemplate({
    name: current.name,
    channel: patch.channel ?? current.channel,
    body: patch.body ?? current.body,
    kind: patch.kind ?? current.kind,
  })
  return { directory: { ...dir, templates: { ...dir.templates, [name]: template } }, template }
}

export function removeTemplate(dir: Directory, name: string): { directory: Directory; template: Template } {
  const template = findTemplate(dir.templates, name)
  const { [name]: _removed, ...templates } = dir.templates
  return { directory: { ...dir, templates }, template }
}
