/**
 * Giving a conversation labels by name: the names resolved in the catalogue
 * and turned into the `label` and `unlabel` requests (actions.ts) that make
 * its labels as asked. Every unknown name is reported at once; a label
 * already as asked needs no event.
 */
import type { AssignmentRequest } from './actions.js'
import { assertNoProblems, HuddleError } from './errors.js'
import { labelNamed, type Label, type LabelCatalogue } from './label.js'

/** Labels to add and to remove, by name (or id). */
export type LabelChange = { readonly add: readonly string[]; readonly remove: readonly string[] }

export function labelRequests(conversation: string, current: readonly string[], labels: LabelCatalogue, change: LabelChange): AssignmentRequest[] {
  const problems: string[] = []
  const resolve = (names: readonly string[]): Label[] =>
    names.flatMap((name) => {
      const label = labelNamed(labels, name)
      if (!label) problems.push(`There is no label \`${name}\`; see the labels with \`huddle label list\`.`)
      return label ? [label] : []
    })
  const [added, removed] = [resolve(change.add), resolve(change.remove)]
  for (const label of added) if (removed.some((r) => r.id === label.id)) problems.push(`Label \`${label.name}\` is both added and removed; give it once.`)
  assertNoProblems(problems, `The labels of \`${conversation}\` were not changed:`)
  const requests: AssignmentRequest[] = []
  const seen = new Set<string>()
  for (const [kind, list] of [['label', added], ['unlabel', removed]] as const)
    for (const label of list) {
      if (seen.has(label.id) || current.includes(label.id) === (kind === 'label')) continue
      seen.add(label.id)
      requests.push({ kind, label: label.id, name: label.name })
    }
  if (requests.length === 0) throw new HuddleError('conflict', `Conversation \`${conversation}\` already has the labels asked for; nothing to change.`)
  return requests
}
