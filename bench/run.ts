/**
 * The benchmark entry (`npm run bench`): runs each suite in turn, prints one
 * table, and writes every figure to bench/results/latest.json. Name suites on
 * the command line to run only those: `node dist/bench/run.js core`.
 *
 * To add a suite, export a `Suite` (see report.ts) and list it below.
 */
import { autoAssignSuite } from './auto-assign-bench.js'
import { bulkSuite } from './bulk-bench.js'
import { channelsSuite } from './channels-bench.js'
import { clientSuite } from './client-bench.js'
import { clusterSuite } from './cluster-bench.js'
import { coreSuite } from './core-bench.js'
import { dashboardSuite } from './dashboard-bench.js'
import { historySuite } from './history-bench.js'
import { reportSuite } from './report-bench.js'
import { searchSuite } from './search-bench.js'
import { serverSuite } from './server-bench.js'
import { slaSuite } from './sla-bench.js'
import { formatTable, writeResults, type Figure, type Suite } from './report.js'

const SUITES: readonly Suite[] = [coreSuite, serverSuite, clusterSuite, clientSuite, channelsSuite, dashboardSuite, historySuite, searchSuite, autoAssignSuite, slaSuite, reportSuite, bulkSuite]

async function main(): Promise<void> {
  const wanted = process.argv.slice(2)
  const unknown = wanted.filter((name) => !SUITES.some((s) => s.name === name))
  if (unknown.length > 0) {
    console.error(`Unknown benchmark suite(s): ${unknown.join(', ')}. Known: ${SUITES.map((s) => s.name).join(', ')}.`)
    process.exitCode = 2
    return
  }
  const figures: Figure[] = []
  for (const suite of SUITES) {
    if (wanted.length > 0 && !wanted.includes(suite.name)) continue
    console.error(`▸ ${suite.name}`)
    figures.push(...(await suite.run((line) => console.error(`  ${line}`))))
  }
  const path = await writeResults(figures)
  console.log(formatTable(figures))
  console.error(`\nFigures written to ${path}.`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
