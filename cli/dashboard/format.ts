/** Words and short forms the dashboard shows: channels, ages, times, delivery, people. */
import type { InboxInfo } from '../client/huddle-client.js'
import type { ConversationRow } from '../client/inbox-view.js'
import type { MessageLine } from '../client/conversation-view.js'
import type { Channel } from '../../core/users.js'

/** An inbox as the dashboard names it: its name, or `Personal`. */
export function inboxTitle(inbox: Pick<InboxInfo, 'kind' | 'name'>): string {
  return inbox.kind === 'personal' ? 'Personal' : inbox.name
}

export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = { sms: 'SMS', whatsapp: 'WhatsApp', chat: 'Chat' }

/** `now`, `42s`, `5m`, `3h`, `2d`, `6w`, `1y`. */
export function ageLabel(at: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - at) / 1000))
  if (seconds < 10) return 'now'
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes}m`
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return `${hours}h`
  const days = Math.floor(hours / 24)
  if (days < 14) return `${days}d`
  if (days < 365) return `${Math.floor(days / 7)}w`
  return `${Math.floor(days / 365)}y`
}

/** `just now`, `42s ago`, `5m ago`, … for a sentence. */
export function agoLabel(at: number, now: number): string {
  const age = ageLabel(at, now)
  return age === 'now' ? 'just now' : `${age} ago`
}

const pad2 = (n: number): string => String(n).padStart(2, '0')

/** `09:05`, local time. */
export function clockTime(at: number): string {
  const date = new Date(at)
  return `${pad2(date.getHours())}:${pad2(date.getMinutes())}`
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** `Tue 25 Nov`, local time; `Today` and `Yesterday` relative to `now`. */
export function dayLabel(at: number, now: number): string {
  const date = new Date(at)
  const key = (d: Date): string => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`
  const today = new Date(now)
  if (key(date) === key(today)) return 'Today'
  const yesterday = new Date(now)
  yesterday.setDate(today.getDate() - 1)
  if (key(date) === key(yesterday)) return 'Yesterday'
  return `${DAYS[date.getDay()]} ${date.getDate()} ${MONTHS[date.getMonth()]}${date.getFullYear() === today.getFullYear() ? '' : ` ${date.getFullYear()}`}`
}

/** When a snooze wakes, in words: `Tomorrow 09:00`, `Mon 7 Dec 09:00`, or `the customer replies`. */
export function wakeLabel(until: number | 'reply', now: number): string {
  return until === 'reply' ? 'the customer replies' : `${dayLabel(until, now) === 'Today' ? 'today' : dayLabel(until, now)} ${clockTime(until)}`
}

/** The contact's name when known, else their number or handle. */
export function contactLabel(row: Pick<ConversationRow, 'contactName' | 'contact'>): string {
  return row.contactName?.trim() || row.contact
}

/** A reply's delivery as words. */
export function deliveryLabel(line: Pick<MessageLine, 'status' | 'decision'>): string {
  switch (line.status) {
    case null:
      return ''
    case 'pending':
      return 'not yet on the server'
    case 'held':
      return line.decision === 'send' ? 'held, sending' : line.decision === 'discard' ? 'held, discarding' : 'held'
    default:
      return line.status
  }
}

/** The first word of a display name (`Priya` for `Priya Shah`), for narrow columns. */
export function shortName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`
}
