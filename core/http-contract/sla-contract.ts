/**
 * The HTTP contract of the SLA endpoints: the policy a `PUT
 * /api/v1/inboxes/:ref/sla` carries, the inbox's policy answered, and the
 * breaches `GET /api/v1/sla/breaches` answers, read back by the CLI.
 */
import type { PlainValue } from '../plain-value.js'
import type { SlaBreach } from '../sla-breach.js'
import { readSlaPolicy, SLA_KINDS, type SlaKind, type SlaPolicy } from '../sla-policy.js'
import { answerFields, answerList, answerNumber, answerText, misunderstood, nullableAnswerText } from './answer-fields.js'

/** The body of `PUT /api/v1/inboxes/:ref/sla`: the whole policy. */
export function parseSlaPolicyBody(body: PlainValue): SlaPolicy {
  return readSlaPolicy(body)
}

/** The answer of the policy endpoints: `{inbox, name, sla}` (sla null: none). */
export type InboxSla = { readonly inbox: string; readonly name: string; readonly sla: SlaPolicy | null }

export function readInboxSla(value: unknown): InboxSla {
  const r = answerFields(value, 'SLA policy')
  return { inbox: answerText(r, 'inbox', 'SLA policy'), name: answerText(r, 'name', 'SLA policy'), sla: r.sla === null ? null : readSlaPolicy(r.sla) }
}

function readBreach(value: unknown): SlaBreach {
  const r = answerFields(value, 'SLA breach')
  const kind = answerText(r, 'kind', 'SLA breach')
  if (!(SLA_KINDS as readonly string[]).includes(kind)) throw misunderstood('SLA breach', `kind \`${kind}\` is not one it knows`)
  const number = (key: string): number => answerNumber(r, key, 'SLA breach')
  return {
    conversation: answerText(r, 'conversation', 'SLA breach'),
    inbox: answerText(r, 'inbox', 'SLA breach'),
    kind: kind as SlaKind,
    startedAt: number('startedAt'),
    due: number('due'),
    breachedAt: number('breachedAt'),
    metAt: r.metAt === null ? null : number('metAt'),
    overdueMs: number('overdueMs'),
    assignee: nullableAnswerText(r, 'assignee', 'SLA breach'),
  }
}

/** The answer of `GET /api/v1/sla/breaches`. */
export function readSlaBreaches(value: unknown): SlaBreach[] {
  return answerList(value, 'SLA breaches').map(readBreach)
}
