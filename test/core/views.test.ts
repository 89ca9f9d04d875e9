import { describe, expect, it } from 'vitest'
import { countViews, emptyCounts, VIEW_TITLES, VIEWS, viewOf, type View } from '../../core/views.js'

describe('views', () => {
  it.each<['open' | 'archived', string | null, string, View]>([
    ['open', 'alice', 'alice', 'mine'],
    ['open', 'bob', 'alice', 'others'],
    ['open', null, 'alice', 'unassigned'],
    ['archived', 'alice', 'alice', 'archived'],
    ['archived', 'bob', 'alice', 'archived'],
    ['archived', null, 'alice', 'archived'],
  ])('puts a conversation that is %s and held by %j in `%3$s`’s view %4$s', (status, assignee, user, view) => {
    expect(viewOf({ status, assignee }, user)).toBe(view)
  })

  it('counts the four views for one user', () => {
    const states = [
      { status: 'open', assignee: 'alice' },
      { status: 'open', assignee: 'alice' },
      { status: 'open', assignee: 'bob' },
      { status: 'open', assignee: null },
      { status: 'archived', assignee: 'alice' },
      { status: 'archived', assignee: null },
    ] as const
    expect(countViews(states, 'alice')).toEqual({ mine: 2, others: 1, unassigned: 1, archived: 2 })
    expect(countViews(states, 'bob')).toEqual({ mine: 1, others: 2, unassigned: 1, archived: 2 })
    expect(countViews([], 'bob')).toEqual(emptyCounts())
  })

  it('puts every open conversation in exactly one of mine, others and unassigned for every user', () => {
    const assignees = [null, 'alice', 'bob']
    for (const assignee of assignees)
      for (const user of ['alice', 'bob', 'carol']) {
        const predicates = [assignee === user, assignee !== null && assignee !== user, assignee === null]
        expect(predicates.filter(Boolean)).toHaveLength(1)
        expect(viewOf({ status: 'open', assignee }, user)).toBe(['mine', 'others', 'unassigned'][predicates.indexOf(true)])
      }
  })

  it('has four titled views', () => {
    expect(VIEWS).toEqual(['mine', 'others', 'unassigned', 'archived'])
    expect(VIEW_TITLES).toEqual({ mine: 'Assigned to me', others: 'Assigned to other', unassigned: 'Unassigned', archived: 'Archived' })
  })
})
