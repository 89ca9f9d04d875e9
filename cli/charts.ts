/**
 * Charts in block characters, for the report command and the dashboard's
 * reports screen: horizontal bars in eighths of a cell and sparklines. They
 * are drawn without colour; callers print the number beside each, so a
 * chart is read from its labels as well as its shape.
 */

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'] as const
const LEVELS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const

/** A bar of `value` out of `max` in at most `width` cells; any value above zero shows at least a sliver. */
export function bar(value: number, max: number, width: number): string {
  if (value <= 0 || max <= 0 || width <= 0) return ''
  const eighths = Math.max(1, Math.round((Math.min(value, max) / max) * width * 8))
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8]
}

/** One cell per value, its height relative to the largest; zero is a space, so quiet spells read as gaps. */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values)
  return values.map((v) => (v <= 0 || max === 0 ? ' ' : LEVELS[Math.min(7, Math.max(0, Math.ceil((v / max) * 8) - 1))])).join('')
}

const MINUTE = 60_000

/** A duration for a report: `<1m`, `25m`, `1h 05m`, `2d 3h`; `–` when there is none. */
export function spanLabel(ms: number | null): string {
  if (ms === null) return '–'
  const minutes = Math.round(ms / MINUTE)
  if (minutes < 1) return '<1m'
  if (minutes < 60) return `${minutes}m`
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`
  return `${Math.floor(hours / 24)}d ${hours % 24}h`
}

/** A share for a report: `75%`, `66.7%`; `–` when nothing was decided. */
export function percentLabel(percent: number | null): string {
  return percent === null ? '–' : `${percent}%`
}
