/**
 * What the dashboard uses of the client library. `HuddleClient` is one; the
 * component tests give a small fake in memory that keeps the same shapes.
 */
import type { HuddleClient } from '../client/huddle-client.js'

export type DashboardSource = Pick<
  HuddleClient,
  | 'userId'
  | 'me'
  | 'userName'
  | 'inboxList'
  | 'inboxSnapshot'
  | 'conversation'
  | 'presence'
  | 'notices'
  | 'status'
  | 'onInboxes'
  | 'onInbox'
  | 'onConversation'
  | 'onPresence'
  | 'onNotices'
  | 'onStatus'
  | 'flushNotifications'
  | 'openConversation'
  | 'markReported'
  | 'claim'
  | 'takeover'
  | 'assign'
  | 'unassign'
  | 'archive'
  | 'unarchive'
  | 'reply'
  | 'note'
  | 'decideHeld'
  | 'templates'
  | 'syncEverything'
  | 'historyPage'
>

/** When the user last looked at each conversation, kept on this computer (see seen-marks.ts). */
export type SeenStore = {
  seenAt(conversation: string): number | null
  markSeen(conversation: string, at: number): void
}
