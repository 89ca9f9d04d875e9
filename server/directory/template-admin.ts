/**
 * The organisation's message templates (core/template.ts), as the HTTP API
 * lists and changes them.
 *
 * Deps: `writer` (SettingsWriter), `access` (DirectoryAccess: who may read).
 */
import type { Template, TemplateFields } from '../../core/template.js'
import { addTemplate, editTemplate, listTemplates, removeTemplate, type TemplatePatch } from '../../core/template-settings.js'
import { authorize } from '../../core/permissions.js'
import type { User } from '../../core/users.js'
import type { DirectoryAccess } from './directory-access.js'
import type { SettingsWriter } from './settings-writer.js'

export type TemplateAdminDeps = {
  readonly writer: SettingsWriter
  readonly access: DirectoryAccess
}

export class TemplateAdmin {
  constructor(private readonly deps: TemplateAdminDeps) {}

  listTemplates(actor: User): Template[] {
    authorize(actor, { kind: 'read-templates' })
    return listTemplates(this.deps.access.directory)
  }

  addTemplate(actor: User, input: TemplateFields): Promise<Template> {
    const { writer } = this.deps
    return writer.asAdmin(actor, async () => {
      const { directory, template } = addTemplate(writer.directory, input)
      await writer.save(directory)
      return template
    })
  }

  editTemplate(actor: User, name: string, patch: TemplatePatch): Promise<Template> {
    const { writer } = this.deps
    return writer.asAdmin(actor, async () => {
      const { directory, template } = editTemplate(writer.directory, name, patch)
      await writer.save(directory)
      return template
    })
  }

  removeTemplate(actor: User, name: string): Promise<{ removed: string }> {
    const { writer } = this.deps
    return writer.asAdmin(actor, async () => {
      const { directory, template } = removeTemplate(writer.directory, name)
      await writer.save(directory)
      return { removed: template.name }
    })
  }
}
