/**
 * The organisation's labels: each `{ id, name, colour }`. Conversations hold
 * ids (fold.ts), so a rename changes no event; names are what people type
 * and see, unique regardless of case once normalised; a colour comes from a
 * fixed palette and is never the only cue (the name is always shown).
 */
import { HuddleError } from './errors.js'
import { nameKey, nameProblems } from './names.js'

/** The palette, by name; the dashboard maps each to a terminal colour. */
export const LABEL_COLOURS = ['red', 'orange', 'yellow', 'green', 'teal', 'blue', 'purple', 'grey'] as const
export type LabelColour = (typeof LABEL_COLOURS)[number]

export const MAX_LABEL_NAME = 40

export type Label = { readonly id: string; readonly name: string; readonly colour: LabelColour }

/** Labels by id. */
export type LabelCatalogue = Readonly<Record<string, Label>>

export function isLabelColour(value: unknown): value is LabelColour {
  return typeof value === 'string' && (LABEL_COLOURS as readonly string[]).includes(value)
}

/** A name as it is stored: NFKC, trimmed, inner runs of spaces one space. */
export function normaliseLabelName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/gu, ' ')
}

export function labelNameProblems(value: unknown): string[] {
  return nameProblems(value, 'Label name', MAX_LABEL_NAME, '`VIP` or `Billing issue`')
}

export function labelColourProblems(value: unknown): string[] {
  return isLabelColour(value) ? [] : [`Colour \`${String(value)}\` is not one of the palette: ${LABEL_COLOURS.join(', ')}.`]
}

/** The catalogue's labels, by name. */
export function listLabels(labels: LabelCatalogue): Label[] {
  return Object.values(labels).sort((a, b) => nameKey(a.name).localeCompare(nameKey(b.name)) || (a.id < b.id ? -1 : 1))
}

/** The label named `nameOrId` (compared as names are, whatever the case), or with that id; undefined when none. */
export function labelNamed(labels: LabelCatalogue, nameOrId: string): Label | undefined {
  const key = nameKey(nameOrId)
  return Object.values(labels).find((l) => nameKey(l.name) === key) ?? (Object.hasOwn(labels, nameOrId) ? labels[nameOrId] : undefined)
}

/** As `labelNamed`, refusing with the way to see the labels when there is none. */
export function findLabel(labels: LabelCatalogue, nameOrId: string): Label {
  const label = labelNamed(labels, nameOrId)
  if (!label) throw new HuddleError('not-found', `There is no label \`${nameOrId}\`. List labels with \`huddle label list\`.`)
  return label
}

/** The labels of a conversation that are in the catalogue, by name: one removed from it no longer shows. */
export function shownLabels(ids: readonly string[], labels: LabelCatalogue): Label[] {
  const shown: Label[] = []
  for (const id of ids) if (Object.hasOwn(labels, id)) shown.push(labels[id]!)
  return shown.length < 2 ? shown : shown.sort((a, b) => nameKey(a.name).localeCompare(nameKey(b.name)))
}

/** A label's name for history, which also names labels since removed (`removed`); its id when neither knows it. */
export function labelName(id: string, labels: LabelCatalogue, removed: LabelCatalogue): string {
  return (Object.hasOwn(labels, id) ? labels[id]!.name : Object.hasOwn(removed, id) ? removed[id]!.name : undefined) ?? id
}
