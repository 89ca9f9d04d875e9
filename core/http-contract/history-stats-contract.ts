/**
 * The HTTP contract of `GET /api/v1/history-stats`: per inbox document, what
 * its live document holds and how much of its life is in history, read back
 * by `huddle inbox stats`.
 */
import { answerFields, answerList, answerNumber, answerText } from './answer-fields.js'

/** One inbox document's figures. */
export type InboxHistoryStats = {
  /** Its doc name: `inbox/<id>` or `personal/<user>`. */
  readonly inbox: string
  readonly live: number
  /** The live document's size, encoded as a client receives it. */
  readonly liveBytes: number
  readonly epoch: number
  readonly inHistory: number
}

const WHAT = 'history stats'

export function readHistoryStats(value: unknown): InboxHistoryStats[] {
  return answerList(value, WHAT).map((item) => {
    const r = answerFields(item, WHAT)
    return {
      inbox: answerText(r, 'inbox', WHAT),
      live: answerNumber(r, 'live', WHAT),
      liveBytes: answerNumber(r, 'liveBytes', WHAT),
      epoch: answerNumber(r, 'epoch', WHAT),
      inHistory: answerNumber(r, 'inHistory', WHAT),
    }
  })
}
