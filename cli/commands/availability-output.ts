/** How availability entries are printed by the availability commands. */
import { availabilityWord, type AvailabilityEntry } from '../../core/availability.js'
import type { CliIo } from '../io.js'
import { printTable, type Column } from '../output.js'

const COLUMNS: readonly Column<AvailabilityEntry>[] = [
  { header: 'USER', value: (e) => e.user },
  { header: 'NAME', value: (e) => e.name },
  { header: 'AVAILABILITY', value: (e) => e.availability },
  { header: 'SHOWN AS', value: (e) => availabilityWord(e) },
]

/** Exactly the fields of an entry, for `--json`. */
export function availabilityJson(entry: AvailabilityEntry): AvailabilityEntry {
  return { user: entry.user, name: entry.name, availability: entry.availability, online: entry.online }
}

export function printAvailability(io: CliIo, entries: readonly AvailabilityEntry[]): void {
  printTable(io, entries, COLUMNS, 'There are no users.')
}
