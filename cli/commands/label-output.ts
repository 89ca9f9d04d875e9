/** How labels (read by core/http-contract/label-contract.ts) are printed. */
import type { Label } from '../../core/label.js'
import type { CliIo } from '../io.js'
import { printRecord, printTable } from '../output.js'

export function labelPath(nameOrId: string): string {
  return `/labels/${encodeURIComponent(nameOrId)}`
}

export function printLabels(io: CliIo, labels: readonly Label[]): void {
  printTable(
    io,
    labels,
    [
      { header: 'NAME', value: (l) => l.name },
      { header: 'COLOUR', value: (l) => l.colour },
      { header: 'ID', value: (l) => l.id },
    ],
    'No labels yet. Add one with `huddle label add VIP --colour purple`.',
  )
}

export function printLabel(io: CliIo, label: Label): void {
  printRecord(io, [
    ['Name', label.name],
    ['Colour', label.colour],
    ['Id', label.id],
  ])
}
