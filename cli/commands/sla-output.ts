/** How the sla commands print an inbox's policy. */
import type { InboxSla } from '../../core/http-contract/sla-contract.js'
import { formatDuration, type SlaPolicy } from '../../core/sla-policy.js'
import type { CliIo } from '../io.js'
import { printRecord, say } from '../output.js'

/** The policy's JSON for `--json`: durations in words and in ms. */
export function slaJson(answer: InboxSla): Record<string, unknown> {
  const policy = answer.sla
  const words = (ms: number | undefined): string | null => (ms === undefined ? null : formatDuration(ms))
  return {
    inbox: answer.inbox,
    name: answer.name,
    sla:
      policy === null
        ? null
        : {
            firstResponse: words(policy.firstResponseMs),
            nextResponse: words(policy.nextResponseMs),
            resolution: words(policy.resolutionMs),
            warnBefore: policy.warnBeforeMs === 0 ? null : formatDuration(policy.warnBeforeMs),
            businessHours: policy.businessHours ?? null,
            ...policy,
          },
  }
}

function target(ms: number | undefined): string {
  return ms === undefined ? 'none' : formatDuration(ms)
}

export function printSla(io: CliIo, answer: InboxSla): void {
  const policy: SlaPolicy | null = answer.sla
  if (policy === null) return say(io, `Inbox \`${answer.name}\` has no SLA policy. Set one with \`huddle sla set ${answer.inbox} --first-response 1h\`.`)
  printRecord(io, [
    ['inbox', `${answer.name} (${answer.inbox})`],
    ['first response', target(policy.firstResponseMs)],
    ['next response', target(policy.nextResponseMs)],
    ['resolution', target(policy.resolutionMs)],
    ['warn before', policy.warnBeforeMs === 0 ? 'no warning' : formatDuration(policy.warnBeforeMs)],
    ['counted in', policy.businessHours ?? 'all hours'],
  ])
}
