import { describe, expect, it } from 'vitest'
import { findLabel, labelColourProblems, labelNameProblems, listLabels, normaliseLabelName, shownLabels, type LabelCatalogue } from '../../core/label.js'
import { refusalOf } from '../helpers/core-fixtures.js'

const catalogue: LabelCatalogue = {
  vip: { id: 'vip', name: 'VIP', colour: 'purple' },
  billing: { id: 'billing', name: 'billing issue', colour: 'orange' },
  spam: { id: 'spam', name: 'Spam', colour: 'grey' },
}

describe('labels', () => {
  it.each([
    ['  VIP  ', 'VIP'],
    ['Billing    issue', 'Billing issue'],
    ['Ｂｉｌｌｉｎｇ', 'Billing'],
    ['Late\tpayer', 'Late payer'],
  ])('stores %j as %j', (typed, stored) => {
    expect(normaliseLabelName(typed)).toBe(stored)
  })

  it('refuses an empty name, one too long, and one holding a control character', () => {
    expect(labelNameProblems('   ')[0]).toMatch(/^Label name `   ` is not valid: give 1–40 characters/)
    expect(labelNameProblems('x'.repeat(41))).toHaveLength(1)
    expect(labelNameProblems('VIP\u001b[31m')[0]).toMatch(/holds the control character U\+001B/)
    expect(labelNameProblems('Billing issue')).toEqual([])
  })

  it('takes a colour of the palette only, naming the palette when refusing', () => {
    expect(labelColourProblems('teal')).toEqual([])
    expect(labelColourProblems('#ff0000')).toEqual(['Colour `#ff0000` is not one of the palette: red, orange, yellow, green, teal, blue, purple, grey.'])
  })

  it('finds a label by its name whatever the case and spacing, or by its id', () => {
    expect(findLabel(catalogue, 'vip').id).toBe('vip')
    expect(findLabel(catalogue, 'Billing   Issue').id).toBe('billing')
    expect(findLabel(catalogue, 'billing').id).toBe('billing')
    const error = refusalOf(() => findLabel(catalogue, 'urgent'))
    expect([error.code, error.message]).toEqual(['not-found', 'There is no label `urgent`. List labels with `huddle label list`.'])
  })

  it('lists labels by name, ignoring case', () => {
    expect(listLabels(catalogue).map((l) => l.name)).toEqual(['billing issue', 'Spam', 'VIP'])
  })

  it('shows a conversation’s labels that are in the catalogue, by name, hiding removed ones', () => {
    expect(shownLabels(['gone', 'spam', 'vip', 'billing'], catalogue).map((l) => l.name)).toEqual(['billing issue', 'Spam', 'VIP'])
    expect(shownLabels([], catalogue)).toEqual([])
  })
})
