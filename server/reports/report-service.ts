/**
 * Reports on the server (docs/design.md, "Reports"): gathers the plain facts
 * of every conversation a report may count — live ones from their inbox
 * documents, those in history from their records — for the inboxes the asker
 * may report on, and hands them to core/report.ts for the figures.
 *
 * History is walked newest archived first and left at the first record
 * archived before the period: everything a conversation does (arrive, be
 * answered, be archived) happens before the archive that put it in history,
 * so nothing older can count. A report's cost follows the conversations of
 * its period, not an inbox's life.
 *
 * Deps: `hub` (DocumentHub: the live inbox documents), `history`
 * (HistoryStore), `directory` (DirectoryAccess), `breaches` (the targets
 * breached per conversation: SlaService), `now`.
 */
import type { ArchivedKey } from '../../core/archived-page.js'
import { findInbox, findUser, inboxById } from '../../core/directory.js'
import { inboxDocName, parseInboxRef, personalDocName } from '../../core/doc-names.js'
import { HuddleError } from '../../core/errors.js'
import { foldEvents } from '../../core/fold.js'
import { parseHlc } from '../../core/hlc.js'
import type { HistoryRecord } from '../../core/history.js'
import { InboxDoc } from '../../core/inbox-doc.js'
import { findLabel, shownLabels } from '../../core/label.js'
import { authorize, decide, isInboxMember, type InboxAccess } from '../../core/permissions.js'
import { computeReport, type Report } from '../../core/report.js'
import { reportFactOf, type ReportFact } from '../../core/report-facts.js'
import { resolvePeriod, type ReportPeriod } from '../../core/report-period.js'
import type { ReportRequest } from '../../core/report-query.js'
import { policyHours } from '../../core/sla.js'
import type { SlaKind, SlaPolicy } from '../../core/sla-policy.js'
import type { User } from '../../core/users.js'
import type { DirectoryAccess } from '../directory/directory-access.js'
import type { HistoryStore } from '../history/history-store.js'
import { inboxDocs } from '../search/live-catalog.js'
import type { DocumentHub } from '../sync/document-hub.js'

export type ReportDeps = {
  readonly hub: DocumentHub
  readonly history: HistoryStore
  readonly directory: DirectoryAccess
  readonly breaches: { breachedTargets(conversation: string): ReadonlySet<SlaKind> }
  readonly now?: () => number
}

const HISTORY_PAGE = 500
const DEFAULT_ZONE = 'UTC'

export class ReportService {
  private readonly now: () => number

  constructor(private readonly deps: ReportDeps) {
    this.now = deps.now ?? Date.now
  }

  /** The report `request` asks for, over what `actor` may report on; throws a refusal naming the inbox otherwise. */
  async report(actor: User, request: ReportRequest): Promise<Report> {
    const inboxes = this.inboxesFor(actor, request.inbox)
    const dir = this.deps.directory.directory
    if (request.agent !== null) findUser(dir, request.agent)
    // Named as people name it; conversations hold its id.
    const label = request.label === null ? null : findLabel(dir.labels, request.label).id
    const zone = this.zoneOf(inboxes, request.zone)
    const period = resolvePeriod(request.since, request.until, zone, this.now())
    const facts: ReportFact[] = []
    for (const inbox of inboxes) facts.push(...(await this.factsOf(inbox, period)))
    return computeReport(facts, { period, zone, inboxes, by: request.by, agent: request.agent, label })
  }

  /** The inbox documents a report covers: the one named, once allowed, or every one the actor may report on. */
  private inboxesFor(actor: User, ref: string | null): string[] {
    const dir = this.deps.directory.directory
    if (ref === null) return inboxDocs(dir).filter((doc) => decide(actor, { kind: 'read-reports', inbox: this.access(doc) }).allowed)
    const doc = ref.startsWith('@') ? personalDocName(ref.slice(1)) : inboxDocName(findInbox(dir, ref).id)
    const owner = parseInboxRef(doc)
    // A personal inbox is decided on its owner first (as for opening it), so a refusal never says whether it exists.
    if (owner?.kind === 'personal') authorize(actor, { kind: 'read-reports', inbox: { kind: 'personal', owner: owner.owner } })
    const access = this.deps.directory.inboxAccess(doc)
    if (access === null) throw new HuddleError('not-found', `There is no inbox \`${ref}\`; list yours with \`huddle inbox list\`.`)
    authorize(actor, { kind: 'read-reports', inbox: access })
    return [doc]
  }

  private access(inboxDoc: string): InboxAccess {
    return this.deps.directory.inboxAccess(inboxDoc) ?? { kind: 'shared', name: inboxDoc, members: [] }
  }

  private policyOf(inboxDoc: string): SlaPolicy | null {
    const ref = parseInboxRef(inboxDoc)
    return ref?.kind === 'inbox' ? (inboxById(this.deps.directory.directory, ref.id)?.sla ?? null) : null
  }

  /** The zone of one inbox's business hours, else the asker's, else UTC. */
  private zoneOf(inboxes: readonly string[], asked: string | null): string {
    const policy = inboxes.length === 1 ? this.policyOf(inboxes[0]!) : null
    return (policy === null ? null : policyHours(policy)?.timeZone) ?? asked ?? DEFAULT_ZONE
  }

  private async factsOf(inboxDoc: string, period: ReportPeriod): Promise<ReportFact[]> {
    const access = this.access(inboxDoc)
    const isMember = (user: string): boolean => isInboxMember(access, user)
    const policy = this.policyOf(inboxDoc)
    const breached = (id: string): ReadonlySet<SlaKind> => this.deps.breaches.breachedTargets(id)
    const catalogue = this.deps.directory.directory.labels
    // A label removed from the catalogue no longer counts, as it no longer shows.
    const labelsOf = (ids: readonly string[]): string[] => shownLabels(ids, catalogue).map((l) => l.id)
    const live = await this.deps.hub.read(inboxDoc, (doc) => {
      const view = new InboxDoc(doc)
      const found: ReportFact[] = []
      const ids = new Set<string>()
      for (const summary of view.summaries()) {
        ids.add(summary.id)
        // Nothing of a conversation that came after the period can count in it.
        if (summary.createdAt >= period.until) continue
        const state = view.state(summary.id, isMember)
        found.push(reportFactOf({ inbox: inboxDoc, summary, state, labels: labelsOf(state.labels), policy, breached: breached(summary.id) }))
      }
      return { found, ids }
    })
    const facts = live.found
    for await (const record of this.historySince(inboxDoc, period.since)) {
      // A record left behind for a conversation live again: the live entry is the truth.
      if (live.ids.has(record.id) || record.createdAt >= period.until) continue
      const state = foldEvents(record.events, isMember)
      facts.push(reportFactOf({ inbox: inboxDoc, summary: record, state, labels: labelsOf(state.labels), policy, breached: breached(record.id) }))
    }
    return facts
  }

  /** An inbox's history records archived at or after `since`, newest first. */
  private async *historySince(inboxDoc: string, since: number): AsyncIterable<HistoryRecord> {
    let before: ArchivedKey | null = null
    for (;;) {
      const page = await this.deps.history.page(inboxDoc, before, HISTORY_PAGE)
      for (const record of page.records) {
        if (parseHlc(record.archivedStamp).ms < since) return
        yield record
      }
      if (!page.hasMore || page.records.length === 0) return
      before = page.records.at(-1)!
    }
  }
}
