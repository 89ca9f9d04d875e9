/**
 * How the CLI and the dashboard search: on the server (`GET /api/v1/search`)
 * when it can be reached, else over this computer's replica with the same
 * folding rules (core/local-search.ts), marked as local.
 */
import { HuddleError } from '../../core/errors.js'
import { searchLocally, type LocalConversation } from '../../core/local-search.js'
import { readSearchAnswer } from '../../core/http-contract/search-contract.js'
import type { SearchPage } from '../../core/search-hit.js'
import { parseSearchQuery, type SearchInput, type SearchQuery } from '../../core/search-query.js'
import type { ApiClient } from '../api-client.js'
import type { HuddleClient } from './huddle-client.js'

/** A page of results, whether it came from this computer's copy instead of the server, and whether the server's index was still being rebuilt. */
export type SearchOutcome = SearchPage & { readonly isLocal: boolean; readonly isRebuilding: boolean }

/** The server's answer to a search, checked (core/http-contract/search-contract.ts). */
export function readSearchReply(value: unknown): SearchOutcome {
  const answer = readSearchAnswer(value)
  return { hits: answer.results, next: answer.next, isLocal: false, isRebuilding: answer.rebuilding }
}

/** Searches on the server; `input` holds the raw fields already checked by parseSearchQuery. */
export async function searchServer(api: ApiClient, input: SearchInput): Promise<SearchOutcome> {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(input)) if (value !== undefined && value !== '') params.set(key, value)
  return readSearchReply(await api.get(`/search?${params.toString()}`))
}

/** The conversations the replica holds, as local search reads them (with their messages where loaded). */
export async function replicaConversations(client: HuddleClient): Promise<LocalConversation[]> {
  await client.loadAllConversations()
  const found: LocalConversation[] = []
  for (const inbox of client.inboxList()) {
    for (const row of client.rows(inbox.doc)) {
      const detail = client.conversation(row.id)
      if (!detail) continue
      found.push({
        facts: {
          id: detail.id,
          inbox: detail.inbox,
          channel: detail.channel,
          contact: detail.contact,
          contactName: detail.contactName,
          address: detail.address,
          status: detail.status,
          assignee: detail.assignee,
          lastActivityAt: detail.lastMessageAt,
        },
        entries: [
          ...detail.messages.map((m) => ({ kind: 'message' as const, at: m.at, text: m.body })),
          ...detail.notes.map((n) => ({ kind: 'note' as const, at: n.at, text: n.body })),
        ],
      })
    }
  }
  return found
}

/** Searches the replica; the inbox filter is resolved against the user's inboxes there. */
export async function searchReplica(client: HuddleClient, query: SearchQuery): Promise<SearchOutcome> {
  const ref = query.filters.inbox
  let filtered = query
  if (ref !== undefined) {
    const inbox = client.findInbox(ref)
    if (!inbox) throw new HuddleError('not-found', `You are not a member of an inbox \`${ref}\` on this computer's copy. List yours with \`huddle inbox list\`.`)
    filtered = { ...query, filters: { ...query.filters, inbox: inbox.doc } }
  }
  return { hits: searchLocally(await replicaConversations(client), filtered), next: null, isLocal: true, isRebuilding: false }
}

/** Searches as the dashboard does: the server first, this computer's copy when it cannot be reached. */
export type Searcher = (text: string, limit: number) => Promise<SearchOutcome>

/** A Searcher on the server behind `api`, falling back to `client`'s replica. */
export function createSearcher(api: ApiClient, client: HuddleClient): Searcher {
  return async (text, limit) => {
    const input: SearchInput = { q: text, limit: String(limit) }
    const query = parseSearchQuery(input)
    try {
      return await searchServer(api, input)
    } catch (error) {
      if (!(error instanceof HuddleError) || error.code !== 'unavailable') throw error
      return searchReplica(client, query)
    }
  }
}
