/**
 * The HTTP contract of `/api/v1/labels…`: the bodies the server takes,
 * parsed into domain values, and the labels it answers, read back by the CLI.
 */
import { assertNoProblems } from '../errors.js'
import { isLabelColour, labelColourProblems, labelNameProblems, type Label } from '../label.js'
import type { LabelPatch, NewLabel } from '../label-settings.js'
import type { PlainValue } from '../plain-value.js'
import { answerFields, answerList, answerText, misunderstood } from './answer-fields.js'
import { field, fieldsOf } from './request-fields.js'

/** The body of `POST /api/v1/labels`: `{name, colour}`. */
export function parseNewLabel(body: PlainValue): NewLabel {
  const fields = fieldsOf(body, ['name', 'colour'])
  const [name, colour] = [field(fields, 'name'), field(fields, 'colour')]
  assertNoProblems([...labelNameProblems(name), ...labelColourProblems(colour)], 'The label is not valid:')
  return { name: String(name), colour: colour as NewLabel['colour'] }
}

/** The body of `PATCH /api/v1/labels/:label`: `{name?, colour?}`. */
export function parseLabelPatch(body: PlainValue): LabelPatch {
  const fields = fieldsOf(body, ['name', 'colour'])
  const [name, colour] = [field(fields, 'name'), field(fields, 'colour')]
  assertNoProblems(
    [...(name === undefined ? [] : labelNameProblems(name)), ...(colour === undefined ? [] : labelColourProblems(colour))],
    'The label is not valid:',
  )
  return { ...(typeof name === 'string' ? { name } : {}), ...(isLabelColour(colour) ? { colour } : {}) }
}

/** A label as the server answers it. */
export function readLabel(value: unknown): Label {
  const r = answerFields(value, 'label')
  const colour = answerText(r, 'colour', 'label')
  if (!isLabelColour(colour)) throw misunderstood('label', `colour \`${colour}\` is not one it knows`)
  return { id: answerText(r, 'id', 'label'), name: answerText(r, 'name', 'label'), colour }
}

export function readLabels(value: unknown): Label[] {
  return answerList(value, 'labels').map(readLabel)
}
