/**
 * What commands print: data on stdout (aligned tables and records for people,
 * JSON with `--json` for programs), messages on stderr.
 */
import { terminalJson } from '../core/terminal-text.js'
import type { CliIo } from './io.js'

export type Column<Row> = { readonly header: string; readonly value: (row: Row) => unknown }

/** One message line on stderr. */
export function say(io: CliIo, message: string): void {
  io.stderr(`${message}\n`)
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${terminalJson(JSON.stringify(value, null, 2))}\n`)
}

/** Rows as an aligned table with a header; says `empty` on stderr when there are none. */
export function printTable<Row>(io: CliIo, rows: readonly Row[], columns: readonly Column<Row>[], empty: string): void {
  if (rows.length === 0) {
    say(io, empty)
    return
  }
  const cells = [columns.map((c) => c.header), ...rows.map((row) => columns.map((c) => formatValue(c.value(row))))]
  const widths = columns.map((_, i) => Math.max(...cells.map((line) => line[i]!.length)))
  const lines = cells.map((line) =>
    line
      .map((cell, i) => (i === line.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  )
  io.stdout(`${lines.join('\n')}\n`)
}

/** Labelled values, one per line, labels aligned. */
export function printRecord(io: CliIo, entries: readonly (readonly [string, unknown])[]): void {
  const width = Math.max(...entries.map(([label]) => label.length))
  io.stdout(`${entries.map(([label, value]) => `${label.padEnd(width)}  ${formatValue(value)}`.trimEnd()).join('\n')}\n`)
}

/** A moment (ms since the epoch) as `2025-11-25 12:00:00Z`. */
export function formatTime(ms: number | null): string {
  return ms === null ? '-' : new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z')
}

/** A cell: lists joined by commas, nothing as `-`, line breaks folded. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '-'
  if (Array.isArray(value)) return value.length === 0 ? '-' : value.map(formatValue).join(', ')
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value).replace(/\s*\n\s*/g, ' ⏎ ')
}
