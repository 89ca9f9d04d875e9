import { describe, expect, it } from 'vitest'
import {
  describeFilter,
  MAX_FILTER_VALUES,
  filterMatcher,
  parseFilterWords,
  savedViewFilterProblems,
  type FilterNames,
  type FilterRow,
  type SavedViewFilter,
} from '../../core/saved-view-filter.js'
import { refusalOf } from '../helpers/core-fixtures.js'

const names: FilterNames = {
  me: 'alice',
  inboxes: [
    { doc: 'inbox/sales', id: 'sales', name: 'Sales', kind: 'shared' },
    { doc: 'personal/alice', id: '@alice', name: 'Personal', kind: 'personal' },
  ],
  labels: [
    { id: 'l-vip', name: 'VIP' },
    { id: 'l-refund', name: 'Refund' },
  ],
  users: [
    { id: 'alice', name: 'Alice Smith' },
    { id: 'bob', name: 'Bob Jones' },
  ],
}

const ANY: SavedViewFilter = { inboxes: [], channels: [], labels: [], priorities: [], assignees: [], statuses: [], sla: [], text: null }

const row: FilterRow = {
  id: 'c-8f2k1',
  inbox: 'inbox/sales',
  channel: 'sms',
  contact: '+447700900123',
  contactName: 'Zoë Martin',
  preview: 'Where is my refund?',
  labels: ['l-vip'],
  priority: 'high',
  assignee: 'bob',
  view: 'others',
}

const known = new Set(['l-vip', 'l-refund'])
/** The row's SLA state, as the reader's clock and its inbox's policy would give it. */
const warning = (): 'warning' => 'warning'

describe('parsing a filter from the words given', () => {
  it('looks inboxes, labels and assignees up by id or name in any case, `personal` and `me` included', () => {
    const filter = parseFilterWords(
      { inbox: ['SALES', 'personal'], label: ['vip', 'l-refund'], assignee: ['me', 'Bob Jones'], channel: ['sms'], status: ['mine', 'mine'], text: '  refund ' },
      names,
    )
    expect(filter).toEqual({
      ...ANY,
      inboxes: ['inbox/sales', 'personal/alice'],
      labels: ['l-vip', 'l-refund'],
      assignees: ['alice', 'bob'],
      channels: ['sms'],
      statuses: ['mine'],
      text: 'refund',
    })
  })

  it('gives the empty filter, which matches everything, for no words', () => {
    expect(parseFilterWords({}, names)).toEqual(ANY)
    expect(filterMatcher(ANY, known)(row, warning)).toBe(true)
  })

  it('reports every problem at once, quoting each bad value', () => {
    const error = refusalOf(() =>
      parseFilterWords({ inbox: ['Support'], label: ['Gold'], assignee: ['zed'], channel: ['fax'], priority: ['asap'], status: ['done'], sla: ['late'], text: '…' }, names),
    )
    expect(error.code).toBe('invalid')
    for (const part of [
      '`--inbox` `Support` is not known: give one of your inboxes (Sales, personal)',
      '`--label` `Gold` is not known',
      '`--assignee` `zed` is not known',
      '`--channel` `fax` is not one of sms, whatsapp, chat',
      '`--priority` `asap` is not one of urgent, high, normal, low',
      '`--status` `done` is not one of mine, others, unassigned, archived, snoozed',
      '`--sla` `late` is not one of ok, warning, breached',
      'the text to match `…` holds no letter or digit',
    ])
      expect(error.message).toContain(part)
  })
})

describe('checking a stored filter', () => {
  it('accepts what parsing gives', () => {
    expect(savedViewFilterProblems(parseFilterWords({ status: ['mine'], sla: ['breached'], text: 'x' }, names))).toEqual([])
  })

  it.each<[string, unknown, string]>([
    ['not an object', [], 'a filter must be an object'],
    ['an unknown field', { ...ANY, colour: 'red' }, 'a filter has no field `colour`'],
    ['a field missing', { ...ANY, channels: undefined }, "a filter's `channels` must be a list of valid values"],
    ['an unknown channel', { ...ANY, channels: ['fax'] }, "a filter's `channels` must be a list of valid values"],
    ['an inbox that is no inbox document', { ...ANY, inboxes: ['org'] }, "a filter's `inboxes` must be a list of valid values"],
    ['too many values', { ...ANY, assignees: Array.from({ length: MAX_FILTER_VALUES + 1 }, (_, i) => `u${i}`) }, `more than the ${MAX_FILTER_VALUES} it may`],
    ['text that is not text', { ...ANY, text: 7 }, "a filter's `text` must be text or null"],
    ['text too long', { ...ANY, text: 'a'.repeat(201) }, 'the text to match is 201 characters'],
    ['text with a control character', { ...ANY, text: 'a\u001b[2J' }, 'the control character U+001B'],
  ])('refuses %s', (_, value, problem) => {
    expect(savedViewFilterProblems(value).join(' ')).toContain(problem)
  })
})

describe('matching a row', () => {
  it.each<[string, Partial<SavedViewFilter>, boolean]>([
    ['its inbox', { inboxes: ['inbox/sales'] }, true],
    ['another inbox', { inboxes: ['personal/alice'] }, false],
    ['any of its channels', { channels: ['chat', 'sms'] }, true],
    ['another channel', { channels: ['whatsapp'] }, false],
    ['one of its labels', { labels: ['l-refund', 'l-vip'] }, true],
    ['a label it lacks', { labels: ['l-refund'] }, false],
    ['its priority', { priorities: ['urgent', 'high'] }, true],
    ['another priority', { priorities: ['low'] }, false],
    ['its assignee', { assignees: ['bob'] }, true],
    ['another assignee', { assignees: ['alice'] }, false],
    ['its view', { statuses: ['others'] }, true],
    ['another view', { statuses: ['mine', 'unassigned'] }, false],
    ['its SLA state', { sla: ['warning', 'breached'] }, true],
    ['another SLA state', { sla: ['breached'] }, false],
    ['words of its last message, as prefixes, in any case', { text: 'REF where' }, true],
    ['its contact’s name without accents', { text: 'zoe' }, true],
    ['its number', { text: '447700' }, true],
    ['its id', { text: 'c-8f2k' }, true],
    ['a word it lacks', { text: 'refund parcel' }, false],
    ['every field at once', { inboxes: ['inbox/sales'], channels: ['sms'], statuses: ['others'], text: 'refund' }, true],
    ['all fields but one', { inboxes: ['inbox/sales'], channels: ['sms'], statuses: ['mine'], text: 'refund' }, false],
  ])('%s: %s', (_, fields, expected) => {
    expect(filterMatcher({ ...ANY, ...fields }, known)(row, warning)).toBe(expected)
  })

  it('matches no unassigned row by assignee, and no row without an SLA by SLA state', () => {
    expect(filterMatcher({ ...ANY, assignees: ['bob'] }, known)({ ...row, assignee: null }, warning)).toBe(false)
    expect(filterMatcher({ ...ANY, sla: ['ok', 'warning', 'breached'] }, known)(row, () => null)).toBe(false)
  })

  it('no longer filters by a label the organisation removed', () => {
    const filter = { ...ANY, labels: ['l-gone'] }
    expect(filterMatcher(filter, known)({ ...row, labels: [] }, warning)).toBe(true)
    expect(filterMatcher(filter, new Set([...known, 'l-gone']))({ ...row, labels: [] }, warning)).toBe(false)
  })
})

describe('describing a filter', () => {
  it('names what it filters by, in the order of the flags, with names rather than ids', () => {
    const filter = parseFilterWords({ status: ['mine'], inbox: ['personal', 'Sales'], label: ['VIP'], assignee: ['bob'], text: 'refund' }, names)
    expect(describeFilter(filter, names)).toBe('inbox personal, Sales · label VIP · assignee Bob Jones · status mine · text "refund"')
    expect(describeFilter(ANY, names)).toBe('every conversation')
  })
})
