/** WhatsApp's reply window as a client knows it for a conversation's row. */
import type { Channel } from '../../core/users.js'
import { whatsappWindow, type WindowState } from '../../core/whatsapp-window.js'

/**
 * The row's window at `now`, or null when the row does not say when the
 * customer last wrote (rows from the replica's view cache): better no window
 * than a wrong one — the client still enforces it when a reply is made.
 */
export function rowWindow(row: { readonly channel: Channel; readonly lastInboundAt?: number | null }, now: number): WindowState | null {
  return row.lastInboundAt === undefined ? null : whatsappWindow(row.channel, row.lastInboundAt, now)
}
