/**
 * The organisation document (`org`): the public part of the directory that
 * every agent reads — users and shared inboxes with their members. Only the
 * server writes it; descriptions, routing and credentials stay server-side.
 *
 *   users:     Y.Map<userId, User>
 *   inboxes:   Y.Map<inboxId, PublicInbox>
 *   templates: Y.Map<name, Template>
 */
import * as Y from 'yjs'
import type { Directory } from './directory.js'
import type { Inbox } from './inbox.js'
import type { Template } from './template.js'
import type { User } from './users.js'

export const ORG_ROOTS = { users: 'users', inboxes: 'inboxes', templates: 'templates' } as const

export type PublicInbox = Omit<Inbox, 'description'>

export type DirectoryView = {
  readonly users: Readonly<Record<string, User>>
  readonly inboxes: Readonly<Record<string, PublicInbox>>
}

function publicInbox(inbox: Inbox): PublicInbox {
  const { description: _hidden, ...rest } = inbox
  return rest
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

function mirror<T>(map: Y.Map<T>, wanted: Readonly<Record<string, T>>): void {
  for (const key of [...map.keys()]) if (!Object.hasOwn(wanted, key)) map.delete(key)
  for (const [key, value] of Object.entries(wanted)) if (!sameJson(map.get(key), value)) map.set(key, value)
}

/** Typed access to the organisation document. */
export class OrgDoc {
  readonly users: Y.Map<User>
  readonly inboxes: Y.Map<PublicInbox>
  readonly templates: Y.Map<Template>

  constructor(readonly doc: Y.Doc) {
    this.users = doc.getMap(ORG_ROOTS.users)
    this.inboxes = doc.getMap(ORG_ROOTS.inboxes)
    this.templates = doc.getMap(ORG_ROOTS.templates)
  }

  read(): DirectoryView {
    return { users: this.users.toJSON() as Record<string, User>, inboxes: this.inboxes.toJSON() as Record<string, PublicInbox> }
  }

  /** The message templates by name (see template.ts). */
  readTemplates(): Record<string, Template> {
    return this.templates.toJSON() as Record<string, Template>
  }

  /** Makes the document show the public part of `dir`, changing only what differs. */
  publish(dir: Directory): void {
    this.doc.transact(() => {
      mirror(this.users, dir.users)
      mirror(this.inboxes, Object.fromEntries(Object.entries(dir.inboxes).map(([id, inbox]) => [id, publicInbox(inbox)])))
      mirror(this.templates, dir.templates)
    })
  }
}
