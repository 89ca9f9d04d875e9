/** Filtering a view's rows by what the agent types after `/`: every word must match something the row shows. */
import type { ConversationRow } from '../client/inbox-view.js'
import { CHANNEL_LABELS } from './format.js'

export function filterRows(rows: readonly ConversationRow[], query: string, nameOf: (id: string) => string): readonly ConversationRow[] {
  const words = query.toLocaleLowerCase('en').split(/\s+/).filter((w) => w !== '')
  if (words.length === 0) return rows
  return rows.filter((row) => {
    const haystack = [row.contactName ?? '', row.contact, row.preview, row.id, CHANNEL_LABELS[row.channel], row.assignee ? nameOf(row.assignee) : '', row.assignee ?? '']
      .join('\n')
      .toLocaleLowerCase('en')
    return words.every((word) => haystack.includes(word))
  })
}
