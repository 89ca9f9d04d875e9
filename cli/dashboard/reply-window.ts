/** WhatsApp's reply window as the dashboard knows it for a row. */
import { whatsappWindow, type WindowState } from '../../core/whatsapp-window.js'
import type { ConversationRow } from '../client/inbox-view.js'

/**
 * The row's window at `now`: `none` off WhatsApp, and also when the row comes
 * from the replica's view cache, which does not know the customer's last
 * message — better no window than a wrong one (the client still enforces it).
 */
export function replyWindow(row: Pick<ConversationRow, 'channel' | 'lastInboundAt'>, now: number): WindowState {
  return row.lastInboundAt === undefined ? { kind: 'none' } : whatsappWindow(row.channel, row.lastInboundAt, now)
}
