/** What the keys do on the search screen: type, move through the results, open one, go back. */
import type { SearchHit } from '../../core/search-hit.js'
import type { Action } from './key-table.js'
import { applyEdit, atEnd } from './text-edit.js'
import type { Controller } from './controller.js'

function update(c: Controller, query: string, index: number): void {
  c.dispatch({ type: 'overlay', overlay: { kind: 'search', query, index } })
}

/** Opens the search screen, with the last query typed in it. */
export function openSearch(c: Controller): void {
  update(c, c.state.lastSearch, 0)
}

/** Opens a result's conversation in its inbox, as a notice's conversation is opened. */
function openHit(c: Controller, hit: SearchHit): void {
  const row = c.source.conversation(hit.conversation)
  c.dispatch({ type: 'overlay', overlay: null })
  if (!row)
    return c.dispatch({
      type: 'flash',
      flash: { text: `Conversation ${hit.conversation} is not on this computer (it may have moved to history); see it with \`huddle conversation show ${hit.conversation}\`.`, tone: 'error' },
    })
  c.dispatch({ type: 'close' })
  c.dispatch({ type: 'choose', inbox: row.inbox, view: row.view })
  c.dispatch({ type: 'select', id: row.id, index: 0 })
  c.dispatch({ type: 'open', id: row.id })
}

export function searchAction(c: Controller, action: Action): void {
  if (c.state.overlay?.kind !== 'search') return
  const { query, index } = c.state.overlay
  const count = c.searchHits.length
  switch (action) {
    case 'down':
    case 'up':
      if (count > 0) update(c, query, (index + (action === 'down' ? 1 : -1) + count) % count)
      return
    case 'delete-back':
    case 'delete-word':
    case 'clear-text':
      return update(c, applyEdit(atEnd(query), action).text, 0)
    case 'submit': {
      const hit = c.searchHits[Math.min(index, count - 1)]
      return hit ? openHit(c, hit) : undefined
    }
    case 'cancel':
      return c.dispatch({ type: 'overlay', overlay: null })
    default:
      return
  }
}

/** Text typed on the search screen. */
export function takeSearchText(c: Controller, text: string): void {
  if (c.state.overlay?.kind === 'search') update(c, c.state.overlay.query + text, 0)
}
