/**
 * A small history for report tests through the real server, with figures
 * worked out by hand. Sales counts Mon-Fri 09:00-17:00 in London, and clocks
 * went forward on Sunday 29 March 2026:
 *
 * - c1: Friday 16:45 GMT, answered by alice (who holds it) Monday 09:10 BST
 *   (15 + 10 business minutes), archived 09:40 BST (15 + 40), then moved to history;
 * - c2: Monday 10:00 BST, answered 11:00 BST without a claim (60 minutes:
 *   the 30-minute first-response target breached);
 * - c3: Monday 12:00 BST, not answered yet.
 */
import type { HuddleClient } from '../../cli/client/huddle-client.js'
import type { ReportFigures } from '../../core/report.js'
import { until, type OpenClients } from './client-replica.js'
import { customerWrites, type Team, type TestServer } from './client-server.js'
import { untilAnswered } from './until.js'

const MIN = 60_000
const at = (iso: string): number => Date.parse(iso)

/** Where the server's clock starts for the fixture. */
export const FIXTURE_START = at('2026-03-27T16:45:00Z')

/** The fixture's period, Friday to Monday in London. */
export const FIXTURE_PERIOD = { since: '2026-03-27', until: '2026-03-30' } as const

export const FIXTURE_TOTALS: ReportFigures = {
  received: 3,
  replied: 2,
  archived: 1,
  firstResponse: { count: 2, medianMs: 25 * MIN, p90Ms: 60 * MIN },
  resolution: { count: 1, medianMs: 55 * MIN, p90Ms: 55 * MIN },
  sla: [
    { kind: 'first-response', met: 1, breached: 1, pending: 1, metPercent: 50 },
    { kind: 'resolution', met: 1, breached: 0, pending: 2, metPercent: 100 },
  ],
}

async function acted(receipt: Promise<{ acknowledged: Promise<void> }>): Promise<void> {
  await (await receipt).acknowledged
}

/** Builds the fixture; `setClock` moves the server's clock, which alice's client reads too. */
export async function seedReportFixture(server: TestServer, team: Team, opened: OpenClients, clock: { now(): number; set(ms: number): void }): Promise<void> {
  clock.set(FIXTURE_START)
  const inbox = `inbox/${team.inbox}`
  const replied = async (): Promise<number> => (await server.api('GET', `/reports?inbox=${team.inbox}&since=${FIXTURE_PERIOD.since}`)).totals.replied
  await server.api('PUT', `/inboxes/${team.inbox}/sla`, { firstResponseMs: 30 * MIN, resolutionMs: 24 * 60 * MIN, warnBeforeMs: 0, businessHours: 'Mon-Fri 09:00-17:00@Europe/London' })
  await server.api('PATCH', `/inboxes/${team.inbox}`, { keepArchivedDays: 0 })
  const c1 = await customerWrites(server, '+447700900001', 'Where is my order?')
  const alice: HuddleClient = await opened.open(server.url, team.tokens.alice!, { wallClock: () => clock.now() })
  await until(() => alice.rows(inbox).length === 1, 'alice sees c1')
  await acted(alice.claim(c1))
  clock.set(at('2026-03-30T08:10:00Z'))
  await acted(alice.reply(c1, 'It left on Friday.'))
  clock.set(at('2026-03-30T08:40:00Z'))
  await acted(alice.archive(c1))
  clock.set(at('2026-03-30T09:00:00Z'))
  const c2 = await customerWrites(server, '+447700900002', 'Can I change my address?')
  clock.set(at('2026-03-30T10:00:00Z'))
  await untilAnswered(async () => ((await server.api('GET', '/sla/breaches')).some((b: { conversation: string }) => b.conversation === c2) ? true : null), 'c2 breaches its first-response target')
  await until(() => alice.rows(inbox).some((r) => r.id === c2), 'alice sees c2')
  await acted(alice.reply(c2, 'Yes, send it over.'))
  clock.set(at('2026-03-30T11:00:00Z'))
  await customerWrites(server, '+447700900003', 'Hello?')
  clock.set(at('2026-03-30T11:05:00Z'))
  await until(() => server.logs.some((l) => l.includes(`history: ${inbox} moved 1 conversations`)), 'c1 moves to history', 10_000)
  await untilAnswered(async () => ((await replied()) === 2 ? true : null), 'both replies are in the entries')
}
