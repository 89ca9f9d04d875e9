/**
 * The organisation document (`org`): the public part of the directory that
 * every agent reads — users and shared inboxes with their members. Only the
 * server writes it; descriptions, routing and credentials stay server-side.
 *
 *   users:     Y.Map<userId, User>
 *   inboxes:   Y.Map<inboxId, PublicInbox>
 *   templates: Y.Map<name, Template>
 *   labels:    Y.Map<labelId, Label>         the catalogue (label.ts)
 *   removedLabels: Y.Map<labelId, Label>     removed from it, so history still names them
 *   availability: Y.Map<userId, AvailabilityStatus>  (see availability.ts)
 */
import * as Y from 'yjs'
import { isAvailability, type AvailabilityStatus } from './availability.js'
import type { Directory } from './directory.js'
import type { Inbox } from './inbox.js'
import type { Label, LabelCatalogue } from './label.js'
import type { Template } from './template.js'
import type { User } from './users.js'

export const ORG_ROOTS = { users: 'users', inboxes: 'inboxes', templates: 'templates', availability: 'availability', labels: 'labels', removedLabels: 'removedLabels' } as const

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
  readonly availability: Y.Map<AvailabilityStatus>
  readonly labels: Y.Map<Label>
  readonly removedLabels: Y.Map<Label>

  constructor(readonly doc: Y.Doc) {
    this.users = doc.getMap(ORG_ROOTS.users)
    this.inboxes = doc.getMap(ORG_ROOTS.inboxes)
    this.templates = doc.getMap(ORG_ROOTS.templates)
    this.availability = doc.getMap(ORG_ROOTS.availability)
    this.labels = doc.getMap(ORG_ROOTS.labels)
    this.removedLabels = doc.getMap(ORG_ROOTS.removedLabels)
  }

  read(): DirectoryView {
    return { users: this.users.toJSON() as Record<string, User>, inboxes: this.inboxes.toJSON() as Record<string, PublicInbox> }
  }

  /** The message templates by name (see template.ts). */
  readTemplates(): Record<string, Template> {
    return this.templates.toJSON() as Record<string, Template>
  }

  /** The label catalogue by id (label.ts). */
  readLabels(): LabelCatalogue {
    return this.labels.toJSON() as LabelCatalogue
  }

  /** Labels removed from the catalogue, by id: for naming them in history only. */
  readRemovedLabels(): LabelCatalogue {
    return this.removedLabels.toJSON() as LabelCatalogue
  }

  /** Each user's availability and whether they are online; a user the server has not published yet is absent. */
  readAvailability(): Record<string, AvailabilityStatus> {
    const statuses: Record<string, AvailabilityStatus> = {}
    for (const [user, value] of this.availability) {
      // Only the server writes here, but a replica may hold a document from a newer server with more states.
      if (isAvailability(value.availability) && typeof value.online === 'boolean') statuses[user] = { availability: value.availability, online: value.online }
    }
    return statuses
  }

  /** Makes the document show these statuses, changing only what differs. */
  publishAvailability(statuses: Readonly<Record<string, AvailabilityStatus>>): void {
    this.doc.transact(() => mirror(this.availability, statuses))
  }

  /** Makes the document show the public part of `dir`, changing only what differs. */
  publish(dir: Directory): void {
    this.doc.transact(() => {
      mirror(this.users, dir.users)
      mirror(this.inboxes, Object.fromEntries(Object.entries(dir.inboxes).map(([id, inbox]) => [id, publicInbox(inbox)])))
      mirror(this.templates, dir.templates)
      mirror(this.labels, dir.labels)
      mirror(this.removedLabels, dir.removedLabels)
    })
  }
}
