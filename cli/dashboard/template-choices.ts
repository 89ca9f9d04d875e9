/** The templates the dashboard offers for a reply. */
import type { Template } from '../../core/template.js'
import type { Channel } from '../../core/users.js'
import { allowsFreeText, type WindowState } from '../../core/whatsapp-window.js'

/** The templates of the conversation's channel, by name; only structured ones once WhatsApp's window has closed, as nothing else may be sent. */
export function templateChoices(templates: Readonly<Record<string, Template>>, channel: Channel, window: WindowState): Template[] {
  return Object.values(templates)
    .filter((t) => t.channel === channel && (allowsFreeText(window) || t.kind === 'structured'))
    .sort((a, b) => (a.name < b.name ? -1 : 1))
}
