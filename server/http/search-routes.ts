/** `GET /api/v1/search`: full-text search over what the user may read (docs/design.md, "Search"). */
import { findInbox } from '../../core/directory.js'
import type { SearchAnswer } from '../../core/http-contract/search-contract.js'
import { inboxDocName, personalDocName } from '../../core/doc-names.js'
import { parseSearchQuery, type SearchInput } from '../../core/search-query.js'
import type { SearchService } from '../search/search-service.js'
import type { ApiTools } from './api-tools.js'
import { json, type Router } from './router.js'

const FIELDS = ['q', 'inbox', 'channel', 'status', 'assignee', 'since', 'until', 'limit', 'cursor'] as const

export function addSearchRoutes(router: Router, api: ApiTools, search: SearchService): void {
  router.add('GET', '/api/v1/search', async (ctx) => {
    const user = await api.user(ctx)
    const input: { -readonly [K in keyof SearchInput]: string | undefined } = {}
    for (const field of FIELDS) input[field] = ctx.url.searchParams.get(field) ?? undefined
    const inbox = input.inbox
    // An inbox is named as people name it (its name, its id, or `personal`); the index keys it by document name.
    if (inbox !== undefined && inbox !== '')
      input.inbox = inbox === 'personal' ? personalDocName(user.id) : inboxDocName(findInbox(api.deps.access.directory, inbox).id)
    const query = parseSearchQuery(input)
    const results = search.search(user, query)
    return json({ results: results.hits, next: results.next, rebuilding: results.rebuilding } satisfies SearchAnswer)
  })
}
