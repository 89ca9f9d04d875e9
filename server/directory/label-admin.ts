/**
 * The organisation's labels (core/label.ts), as the HTTP API lists and
 * changes them. Agents read them from the `org` document; listing here is
 * for the command line.
 *
 * Deps: `writer` (SettingsWriter), `access` (DirectoryAccess: who may read).
 */
import { listLabels, type Label } from '../../core/label.js'
import { addLabel, editLabel, removeLabel, type LabelPatch, type NewLabel } from '../../core/label-settings.js'
import { authorize } from '../../core/permissions.js'
import type { User } from '../../core/users.js'
import type { DirectoryAccess } from './directory-access.js'
import type { SettingsWriter } from './settings-writer.js'

export type LabelAdminDeps = {
  readonly writer: SettingsWriter
  readonly access: DirectoryAccess
}

export class LabelAdmin {
  constructor(private readonly deps: LabelAdminDeps) {}

  listLabels(actor: User): Label[] {
    authorize(actor, { kind: 'read-directory' })
    return listLabels(this.deps.access.directory.labels)
  }

  addLabel(actor: User, input: NewLabel): Promise<Label> {
    const { writer } = this.deps
    return writer.asAdmin(actor, async () => {
      const { directory, label } = addLabel(writer.directory, input)
      await writer.save(directory)
      return label
    })
  }

  editLabel(actor: User, nameOrId: string, patch: LabelPatch): Promise<Label> {
    const { writer } = this.deps
    return writer.asAdmin(actor, async () => {
      const { directory, label } = editLabel(writer.directory, nameOrId, patch)
      await writer.save(directory)
      return label
    })
  }

  removeLabel(actor: User, nameOrId: string): Promise<{ removed: string }> {
    const { writer } = this.deps
    return writer.asAdmin(actor, async () => {
      const { directory, label } = removeLabel(writer.directory, nameOrId)
      await writer.save(directory)
      return { removed: label.name }
    })
  }
}
