/**
 * `/api/v1/history…`: conversations in history (docs/design.md, "Where a
 * conversation lives over its life"). Reading them takes what reading their
 * inbox takes (`read-inbox` in core/permissions.ts: its members; a personal
 * inbox, its owner); the figures per inbox are for settings admins.
 */
import { DEFAULT_PAGE, pageSizeProblems, parseArchiveCursor } from '../../core/archived-page.js'
import { findInbox } from '../../core/directory.js'
import { inboxDocName, personalDocName, requireDocName } from '../../core/doc-names.js'
import { assertNoProblems, HuddleError } from '../../core/errors.js'
import type { InboxHistoryStats } from '../../core/http-contract/history-stats-contract.js'
import { InboxDoc } from '../../core/inbox-doc.js'
import type { User } from '../../core/users.js'
import { encodedSize } from '../history/history-mover.js'
import type { HistoryStore } from '../history/history-store.js'
import type { DocumentHub } from '../sync/document-hub.js'
import type { ApiTools } from './api-tools.js'
import { json, type Router } from './router.js'

/** What the history endpoints read: the history store, and the live documents for the figures. */
export type HistoryRoutesDeps = { readonly store: HistoryStore; readonly hub: DocumentHub; readonly inboxDocs: () => readonly string[] }

export function addHistoryRoutes(router: Router, api: ApiTools, history: HistoryRoutesDeps): void {
  const { access } = api.deps

  /** The inbox document of `inbox=<id or name>` or `inbox=@<user>`, once the user may read it. */
  const readableInbox = async (user: User, ref: string | null): Promise<string> => {
    if (ref === null || ref === '') throw new HuddleError('invalid', 'Say which inbox: `?inbox=<id or name>`, or `?inbox=@<user>` for a personal inbox.')
    const doc = ref.startsWith('@') ? personalDocName(ref.slice(1)) : inboxDocName(findInbox(access.directory, ref).id)
    await access.authorize(user, requireDocName(doc))
    return doc
  }

  router.add('GET', '/api/v1/history', async (ctx) => {
    const user = await api.user(ctx)
    const inboxDoc = await readableInbox(user, ctx.url.searchParams.get('inbox'))
    const before = ctx.url.searchParams.get('before')
    const limitText = ctx.url.searchParams.get('limit')
    const limit = limitText === null ? DEFAULT_PAGE : /^\d{1,6}$/.test(limitText) ? Number(limitText) : limitText
    assertNoProblems(pageSizeProblems(limit), 'The page asked for is not valid:')
    const page = await history.store.page(inboxDoc, before === null ? null : parseArchiveCursor(before), limit as number)
    return json({ records: page.records, hasMore: page.hasMore })
  })

  router.add('GET', '/api/v1/history/:conversation', async (ctx) => {
    const user = await api.user(ctx)
    const id = ctx.params.conversation!
    const record = await history.store.get(id)
    if (!record) throw new HuddleError('not-found', `Conversation \`${id}\` is not in history: it is live (open it from its inbox) or does not exist.`)
    await access.authorize(user, requireDocName(record.inbox))
    return json(record)
  })

  router.add('GET', '/api/v1/history-stats', async (ctx) => {
    access.assertMayRead(await api.user(ctx), 'Reading the history figures')
    const stats: InboxHistoryStats[] = []
    for (const inbox of history.inboxDocs()) {
      const live = await history.hub.read(inbox, (doc) => ({ live: new InboxDoc(doc).ids().length, liveBytes: encodedSize(doc), epoch: new InboxDoc(doc).epoch() }))
      stats.push({ inbox, ...live, inHistory: await history.store.count(inbox) })
    }
    return json(stats)
  })
}
