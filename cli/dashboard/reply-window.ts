/** WhatsApp's reply window as the dashboard shows and applies it. */
import type { WindowState } from '../../core/whatsapp-window.js'
import type { ConversationRow } from '../client/inbox-view.js'
import { rowWindow } from '../client/row-window.js'

/** The row's window at `now`; `none` also when the row does not know the customer's last message (see rowWindow). */
export function replyWindow(row: Pick<ConversationRow, 'channel' | 'lastInboundAt'>, now: number): WindowState {
  return rowWindow(row, now) ?? { kind: 'none' }
}
