/**
 * The reports screen through ink-testing-library at 80×24 and 120×40, on a
 * source in memory whose reports core computes from a handful of facts:
 * today is Tuesday 25 November 2025, 10:00 in London (GMT, so UTC).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { parseBusinessHours } from '../../../../core/business-hours.js'
import { HuddleError } from '../../../../core/errors.js'
import type { ReportFact } from '../../../../core/report-facts.js'
import { textWidth } from '../../../../cli/dashboard/text-width.js'
import { teamSource, type FakeSource } from '../fake-source.js'
import { renderDashboard, type Rendered } from '../render-dashboard.js'

const open: Rendered[] = []
afterEach(() => {
  for (const r of open.splice(0)) r.unmount()
})

const at = (iso: string): number => Date.parse(iso)
const hours = parseBusinessHours('Mon-Fri 09:00-17:00@Europe/London')

function fact(id: string, receivedAt: string, firstReplyAt: string | null = null, archivedAt: string | null = null): ReportFact {
  return {
    id,
    inbox: 'inbox/sales',
    assignee: null,
    labels: [],
    receivedAt: at(receivedAt),
    firstReplyAt: firstReplyAt === null ? null : at(firstReplyAt),
    archivedAt: archivedAt === null ? null : at(archivedAt),
    paused: [],
    hours,
    sla: {},
  }
}

function world(): FakeSource {
  const source = teamSource()
  source.reportFacts = [
    fact('f1', '2025-11-24T09:00:00Z', '2025-11-24T09:20:00Z', '2025-11-24T10:00:00Z'),
    fact('f2', '2025-11-24T14:00:00Z', '2025-11-24T15:00:00Z'),
    fact('f3', '2025-11-23T10:00:00Z'),
    fact('f4', '2025-11-25T09:30:00Z', '2025-11-25T09:40:00Z'),
    // Friday 16:30, answered Monday 09:30: an hour of business time.
    fact('f5', '2025-11-21T16:30:00Z', '2025-11-24T09:30:00Z'),
    // Fifteen days ago: only in the last 30 days.
    fact('f6', '2025-11-10T11:00:00Z'),
  ]
  return source
}

async function show(source: FakeSource, columns: number, rows: number, env: Record<string, string> = {}): Promise<Rendered> {
  const rendered = await renderDashboard(source, { columns, rows, env, now: () => at('2025-11-25T10:00:00Z') })
  open.push(rendered)
  return rendered
}

async function untilShown(r: Rendered, text: string): Promise<void> {
  for (let i = 0; i < 50 && !r.frame().includes(text); i++) await r.settle()
  expect(r.frame()).toContain(text)
}

/** Every line within the terminal, and the screen's pane exactly as wide (the frame drops trailing spaces of other lines). */
function expectExactSize(r: Rendered, columns: number, rows: number): void {
  const lines = r.lines()
  expect(lines).toHaveLength(rows)
  for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(columns)
  for (const line of lines.filter((l) => /^[┏┃┗]/.test(l))) expect(textWidth(line)).toBe(columns)
}

describe('the reports screen', () => {
  it('opens on R over the last 7 days at 80×24: the figures, a bar per day with its count, response times and busiest hours', async () => {
    const source = world()
    const r = await show(source, 80, 24, { NO_COLOR: '1' })
    await r.press('R')
    await untilShown(r, 'Received 5   Replied 4   Archived 1')
    const frame = r.frame()
    expect(frame).toContain('Reports · Sales · last 7 days · Europe/London')
    // Replies after 10, 20, 60 and 60 business minutes.
    expect(frame).toContain('First response  median 20m  90% within 1h 00m')
    expect(frame).toContain('Resolution      median 1h 00m  90% within 1h 00m')
    expect(frame).toContain('Volume per day (busiest Mon 24 Nov: 2)')
    expect(frame).toMatch(/Wed 19 Nov +0 /)
    expect(frame).toMatch(/Mon 24 Nov +█+ +2 /)
    expect(frame).toMatch(/Fri 21 Nov +█+ +1 /)
    expect(frame).toContain('First response, median per day (slowest Mon 24 Nov: 1h 00m)')
    expect(frame).toContain('Busiest hours (09:00 2, 10:00 1, 14:00 1)')
    expect(r.lines().at(-1)).toContain('t 7/30 days')
    expect(source.calls).toContainEqual({ kind: 'report', detail: 'inbox/sales 7' })
    expectExactSize(r, 80, 24)
  })

  it('switches to the last 30 days with t, volume per day then drawn as a sparkline, and goes back with esc or q', async () => {
    const source = world()
    const r = await show(source, 80, 24)
    await r.press('R')
    await untilShown(r, 'Received 5')
    await r.press('t')
    await untilShown(r, 'Received 6')
    expect(r.frame()).toContain('last 30 days')
    // No frame pairs one period's title with the other's figures.
    expect(r.frames.filter((f) => f.includes('last 30 days') && f.includes('Received 5 '))).toEqual([])
    expect(r.frame()).toMatch(/Mon 27 Oct +Tue 25 Nov/)
    expect(r.frame()).not.toMatch(/Mon 24 Nov +█/)
    expectExactSize(r, 80, 24)
    await r.press('esc')
    expect(r.frame()).not.toContain('Reports ·')
    expect(r.frame()).toContain('Sales · Unassigned')
    await r.press('R')
    await untilShown(r, 'last 7 days')
    await r.press('q')
    expect(r.frame()).not.toContain('Reports ·')
    expect(r.onQuit).not.toHaveBeenCalled()
  })

  it('fills 120×40, the days as bars for the last 7 and as a sparkline stretched across for the last 30', async () => {
    const r = await show(world(), 120, 40)
    await r.press('R')
    await untilShown(r, 'Received 5')
    expect(r.frame()).toMatch(/Tue 25 Nov +█+ +1 /)
    expectExactSize(r, 120, 40)
    await r.press('t')
    await untilShown(r, 'Received 6')
    const spark = r.lines().find((line) => /[▁▂▃▄▅▆▇█]{3}/.test(line) && !line.includes('Received'))!
    // 30 days across 114 cells: three cells a day.
    expect(spark).toMatch(/(▄▄▄|███)/)
    expectExactSize(r, 120, 40)
  })

  it('says why when the server cannot give the report', async () => {
    const source = world()
    source.reportFailure = new HuddleError('unavailable', 'The server at http://127.0.0.1:8787 is not reachable.')
    const r = await show(source, 80, 24)
    await r.press('R')
    // Wrapped, not cut: the whole sentence is there.
    await untilShown(r, 'Reports come from the server: The server at http://127.0.0.1:8787 is not')
    expect(r.frame()).toMatch(/┃reachable\. +┃/)
  })
})
