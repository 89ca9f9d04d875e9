/**
 * Percentiles by the nearest-rank method (docs/design.md, "Reports"): the
 * p-th percentile of n values is the smallest value that at least p% of them
 * do not exceed, `sorted[ceil(p/100 × n) − 1]`. It is always one of the
 * values (no interpolation), so a median of 2 values is the lower one.
 */

/** The nearest-rank `p`-th percentile (0 < p ≤ 100) of values sorted ascending; null when there are none. */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[rank - 1]!
}
