/**
 * The demo's sample organisation: Northwind Cycles, a bike shop with a
 * workshop and an online store. Three shared inboxes, six agents (the one the
 * dashboard opens as holds every licence, so that every channel's replies can
 * be tried, WhatsApp's template-only path included; Tom and Lena lack one
 * each), the addresses customers write to, and the routing policy.
 */
import type { Channel, Licence, Permission } from '../../core/users.js'

export type DemoUser = {
  readonly id: string
  readonly name: string
  readonly permission: Permission
  readonly licences: readonly Licence[]
  readonly inboxes: readonly string[]
}

export const DEMO_AGENT = 'alex'

export const DEMO_USERS: readonly DemoUser[] = [
  { id: 'alex', name: 'Alex Kim', permission: 'basic', licences: ['sms', 'whatsapp', 'chat'], inboxes: ['Support', 'Sales'] },
  { id: 'priya', name: 'Priya Shah', permission: 'team-leader', licences: ['sms', 'whatsapp', 'chat'], inboxes: ['Support', 'Billing'] },
  { id: 'marcus', name: 'Marcus Lee', permission: 'basic', licences: ['sms', 'whatsapp'], inboxes: ['Support', 'Sales'] },
  { id: 'lena', name: 'Lena Fischer', permission: 'basic', licences: ['whatsapp', 'chat'], inboxes: ['Sales', 'Support'] },
  { id: 'tom', name: 'Tom Okafor', permission: 'basic', licences: ['sms', 'chat'], inboxes: ['Billing', 'Support'] },
  { id: 'sofia', name: 'Sofia Rossi', permission: 'team-leader', licences: ['sms', 'whatsapp', 'chat'], inboxes: ['Billing', 'Sales'] },
]

export const DEMO_INBOXES: ReadonlyArray<{ readonly name: string; readonly description: string }> = [
  { name: 'Support', description: 'Orders, deliveries, repairs and product questions.' },
  { name: 'Sales', description: 'Quotes, test rides, fleet and new customers.' },
  { name: 'Billing', description: 'Invoices, refunds, payments and subscriptions.' },
]

/** Where customers write: the shop's number (SMS and WhatsApp) and the website's chat widget. */
export const DEMO_ADDRESSES: Readonly<Record<Channel, string>> = { sms: '+15550100', whatsapp: '+15550100', chat: 'northwind-web' }

/** The shop's approved replies (`^o` in the composer); structured WhatsApp ones are what can be sent once the 24-hour window has closed. */
export const DEMO_TEMPLATES: ReadonlyArray<{ readonly name: string; readonly channel: Channel; readonly body: string; readonly kind: 'structured' | 'flexible' }> = [
  { name: 'order_ready', channel: 'whatsapp', body: 'Hi {{name}}, your order {{order}} is ready to collect at Northwind Cycles.', kind: 'structured' },
  { name: 'follow_up', channel: 'whatsapp', body: 'Hi {{name}}, we are following up on your message to Northwind Cycles. Reply here and we will pick it up.', kind: 'structured' },
  { name: 'repair_ready', channel: 'sms', body: 'Hi {{name}}, your bike is repaired and ready to collect. Total: {{amount}}. Northwind Cycles', kind: 'flexible' },
  { name: 'opening_hours', channel: 'sms', body: 'Northwind Cycles is open Mon-Sat 9:00-18:00. Reply here any time.', kind: 'flexible' },
  { name: 'test_ride', channel: 'chat', body: 'Happy to book a test ride, {{name}}! Which day suits you: {{day}}?', kind: 'flexible' },
]

/** The structured template colleagues send once a WhatsApp customer's window has closed. */
export const DEMO_WINDOW_TEMPLATE = 'follow_up'

/** A fleet customer whose messages go straight to the demo agent's personal inbox. */
export const DEMO_VIP_PREFIX = '+1555777'

export type DemoRule = {
  readonly address: string
  readonly keyword?: string
  readonly from?: string
  readonly toInbox?: string
  readonly toUser?: string
  readonly isDefault?: boolean
}

export const DEMO_RULES: readonly DemoRule[] = [
  ...[DEMO_ADDRESSES.sms, DEMO_ADDRESSES.chat].flatMap((address): DemoRule[] => [
    { address, from: `${DEMO_VIP_PREFIX}*`, toUser: DEMO_AGENT },
    { address, keyword: 'invoice', toInbox: 'Billing' },
    { address, keyword: 'refund', toInbox: 'Billing' },
    { address, keyword: 'charged', toInbox: 'Billing' },
    { address, keyword: 'quote', toInbox: 'Sales' },
    { address, keyword: 'price', toInbox: 'Sales' },
    { address, keyword: 'fleet', toInbox: 'Sales' },
    { address, toInbox: 'Support', isDefault: true },
  ]),
]
