/**
 * Adding, changing and removing the organisation's labels (label.ts): pure
 * changes of the directory. A removed label's id is kept among the removed,
 * so a label added later never takes it: its old events would put the new
 * label on conversations it was never given to.
 */
import type { Directory } from './directory.js'
import { idForName } from './doc-names.js'
import { assertNoProblems, HuddleError } from './errors.js'
import { findLabel, labelColourProblems, labelNameProblems, normaliseLabelName, type Label, type LabelColour } from './label.js'
import { isSameName, visibleText } from './names.js'

export type NewLabel = { readonly name: string; readonly colour: LabelColour }
export type LabelPatch = { readonly name?: string; readonly colour?: LabelColour }

function assertNameFree(dir: Directory, name: string, exceptId: string | null): void {
  const clash = Object.values(dir.labels).find((l) => l.id !== exceptId && isSameName(l.name, name))
  if (!clash) return
  throw new HuddleError(
    'conflict',
    `A label named \`${clash.name}\` already exists${clash.name === name ? '' : `, and \`${visibleText(name)}\` reads as the same name`}; label names are unique regardless of case and spacing. Choose another name, or change it with \`huddle label edit "${clash.name}"\`.`,
  )
}

export function addLabel(dir: Directory, input: NewLabel): { directory: Directory; label: Label } {
  assertNoProblems([...labelNameProblems(input.name), ...labelColourProblems(input.colour)], 'The label is not valid:')
  const name = normaliseLabelName(input.name)
  assertNameFree(dir, name, null)
  const id = idForName(name, 'label', (candidate) => Object.hasOwn(dir.labels, candidate) || Object.hasOwn(dir.removedLabels, candidate))
  const label: Label = { id, name, colour: input.colour }
  return { directory: { ...dir, labels: { ...dir.labels, [id]: label } }, label }
}

/** Renames a label or changes its colour; conversations keep it, as they hold its id. */
export function editLabel(dir: Directory, nameOrId: string, patch: LabelPatch): { directory: Directory; label: Label } {
  const current = findLabel(dir.labels, nameOrId)
  assertNoProblems(
    [...(patch.name === undefined ? [] : labelNameProblems(patch.name)), ...(patch.colour === undefined ? [] : labelColourProblems(patch.colour))],
    `Label \`${current.name}\` cannot be changed:`,
  )
  const name = patch.name === undefined ? current.name : normaliseLabelName(patch.name)
  assertNameFree(dir, name, current.id)
  const label: Label = { ...current, name, colour: patch.colour ?? current.colour }
  return { directory: { ...dir, labels: { ...dir.labels, [label.id]: label } }, label }
}

/** Removes a label from the catalogue: it no longer shows on conversations or filters them; their history keeps its events. */
export function removeLabel(dir: Directory, nameOrId: string): { directory: Directory; label: Label } {
  const label = findLabel(dir.labels, nameOrId)
  const { [label.id]: _removed, ...labels } = dir.labels
  return { directory: { ...dir, labels, removedLabels: { ...dir.removedLabels, [label.id]: label } }, label }
}
