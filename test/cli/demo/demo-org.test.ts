import { describe, expect, it } from 'vitest'
import { parsePlaceholders } from '../../../core/template.js'
import { CHANNELS } from '../../../core/users.js'
import { DEMO_AGENT, DEMO_ADDRESSES, DEMO_RULES, DEMO_TEMPLATES, DEMO_USERS, DEMO_VIP_PREFIX, DEMO_WINDOW_TEMPLATE } from '../../../cli/demo/demo-org.js'

const agent = DEMO_USERS.find((u) => u.id === DEMO_AGENT)!

describe('the demo’s organisation', () => {
  it('lets the demo agent reply on every channel, so every reply flow of the README can be tried', () => {
    expect([...agent.licences].sort()).toEqual([...CHANNELS].sort())
  })

  it('has templates for every channel, among them the README’s flexible SMS `repair_ready`', () => {
    expect(new Set(DEMO_TEMPLATES.map((t) => t.channel))).toEqual(new Set(CHANNELS))
    expect(DEMO_TEMPLATES.find((t) => t.name === 'repair_ready')).toMatchObject({ channel: 'sms', kind: 'flexible' })
  })

  it('has the structured WhatsApp template colleagues send once a window has closed, filled by the customer’s name alone', () => {
    const template = DEMO_TEMPLATES.find((t) => t.name === DEMO_WINDOW_TEMPLATE)
    expect(template).toMatchObject({ channel: 'whatsapp', kind: 'structured' })
    expect(parsePlaceholders(template!.body)).toEqual({ placeholders: ['name'], problems: [] })
  })

  it('routes the fleet customer straight to the demo agent’s personal inbox, from the SMS number and the chat widget', () => {
    for (const address of [DEMO_ADDRESSES.sms, DEMO_ADDRESSES.chat])
      expect(DEMO_RULES.filter((r) => r.address === address)[0]).toEqual({ address, from: `${DEMO_VIP_PREFIX}*`, toUser: DEMO_AGENT })
  })
})
