import { describe, expect, it } from 'vitest'
import { dashboardWords } from '../../../cli/dashboard/dashboard-words.js'

const contacts: Record<string, string> = { 'c-omar': 'Omar Haddad' }
const contactOf = (id: string): string | null => contacts[id] ?? null

describe('dashboardWords', () => {
  it.each([
    [
      'a claim refused: the contact named, the command to take over left out',
      'Conversation `c-omar` is assigned to bob; take it over with `huddle conversation takeover c-omar`.',
      'Omar Haddad is assigned to bob.',
    ],
    ['a conversation already archived', 'Conversation `c-omar` is already archived.', 'Omar Haddad is already archived.'],
    [
      'a held reply already decided: the sentence pointing to a command goes',
      'Reply `m1` is not one of your held replies. See them with `huddle held list`.',
      'Reply m1 is not one of your held replies.',
    ],
    [
      'a command in brackets',
      'This computer has not yet learnt who you are from the server; connect once (`huddle sync`) and try again.',
      'This computer has not yet learnt who you are from the server; connect once and try again.',
    ],
    [
      'an admin’s command after a colon',
      'You (`alice`) are not a member of inbox `Sales`. Ask an admin: `huddle inbox members "Sales" --add alice`.',
      'You (alice) are not a member of inbox Sales. Ask an admin.',
    ],
    ['a message with nothing to change', 'Reply to Omar Haddad saved and sending.', 'Reply to Omar Haddad saved and sending.'],
  ])('rewords %s', (_what, message, words) => {
    expect(dashboardWords(message, contactOf)).toBe(words)
  })

  it('keeps an id it cannot name, without backticks', () => {
    expect(dashboardWords('Conversation `c-gone` is not archived.', contactOf)).toBe('Conversation c-gone is not archived.')
  })
})
