/**
 * An inbox's SLA policy (docs/design.md, "SLA"): targets for first response,
 * next response and resolution, a warning before each is due, and optionally
 * business hours to count them in. Durations are written `30m`, `4h`, `2d`.
 */
import { formatBusinessHours, parseBusinessHours } from './business-hours.js'
import { HuddleError, assertNoProblems } from './errors.js'
import { ownFields } from './plain-value.js'

export const SLA_KINDS = ['first-response', 'next-response', 'resolution'] as const
export type SlaKind = (typeof SLA_KINDS)[number]

export type SlaPolicy = {
  readonly firstResponseMs?: number
  readonly nextResponseMs?: number
  readonly resolutionMs?: number
  /** How long before a target is due it shows as a warning (0: no warning). */
  readonly warnBeforeMs: number
  /** Counted in these hours (business-hours.ts text) when set, else around the clock. */
  readonly businessHours?: string
}

/** The policy field holding each kind's budget. */
export const TARGET_FIELDS = {
  'first-response': 'firstResponseMs',
  'next-response': 'nextResponseMs',
  resolution: 'resolutionMs',
} as const satisfies Record<SlaKind, keyof SlaPolicy>

const UNITS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const
const MAX_DURATION_MS = 365 * UNITS.d
const DURATION = /^(\d{1,6})([mhd])$/

/** Problems with a duration text such as `30m`, `4h`, `2d` (empty when fine); `what` names it (`--first-response`). */
export function durationProblems(text: string, what: string): string[] {
  const match = DURATION.exec(text.trim())
  const ms = match ? Number(match[1]) * UNITS[match[2] as keyof typeof UNITS] : NaN
  if (match && ms >= UNITS.m && ms <= MAX_DURATION_MS) return []
  return [`${what} \`${text}\` is not a duration: write a whole number of minutes, hours or days from 1m to 365d, e.g. \`30m\`, \`4h\` or \`2d\`.`]
}

/** A duration text in ms; throws `invalid` with the sentence of `durationProblems`. */
export function parseDuration(text: string, what: string): number {
  assertNoProblems(durationProblems(text, what), 'The duration is not valid:')
  const match = DURATION.exec(text.trim())!
  return Number(match[1]) * UNITS[match[2] as keyof typeof UNITS]
}

/** `2d`, `4h`, `90m`: the largest unit that divides it exactly. */
export function formatDuration(ms: number): string {
  if (ms % UNITS.d === 0) return `${ms / UNITS.d}d`
  if (ms % UNITS.h === 0) return `${ms / UNITS.h}h`
  return `${Math.round(ms / UNITS.m)}m`
}

/** What `huddle sla set` is given: the texts of its flags. */
export type SlaPolicyText = {
  readonly firstResponse?: string
  readonly nextResponse?: string
  readonly resolution?: string
  readonly warnBefore?: string
  readonly businessHours?: string
}

/** The policy from its texts, every problem reported at once. */
export function parseSlaPolicy(text: SlaPolicyText): SlaPolicy {
  const problems: string[] = []
  const duration = (value: string | undefined, flag: string): number | undefined => {
    if (value === undefined) return undefined
    const found = durationProblems(value, flag)
    problems.push(...found)
    return found.length === 0 ? parseDuration(value, flag) : undefined
  }
  const firstResponseMs = duration(text.firstResponse, '`--first-response`')
  const nextResponseMs = duration(text.nextResponse, '`--next-response`')
  const resolutionMs = duration(text.resolution, '`--resolution`')
  const warnBeforeMs = duration(text.warnBefore, '`--warn-before`') ?? 0
  let businessHours: string | undefined
  if (text.businessHours !== undefined) {
    try {
      businessHours = formatBusinessHours(parseBusinessHours(text.businessHours))
    } catch (error) {
      if (!(error instanceof HuddleError)) throw error
      problems.push(error.message)
    }
  }
  if (text.firstResponse === undefined && text.nextResponse === undefined && text.resolution === undefined)
    problems.push('An SLA policy needs at least one target: give `--first-response`, `--next-response` or `--resolution`, e.g. `--first-response 30m`.')
  assertNoProblems(problems, 'The SLA policy is not valid:')
  return policyOf({ firstResponseMs, nextResponseMs, resolutionMs, warnBeforeMs, businessHours })
}

function policyOf(fields: { [K in keyof SlaPolicy]: SlaPolicy[K] | undefined }): SlaPolicy {
  return {
    ...(fields.firstResponseMs === undefined ? {} : { firstResponseMs: fields.firstResponseMs }),
    ...(fields.nextResponseMs === undefined ? {} : { nextResponseMs: fields.nextResponseMs }),
    ...(fields.resolutionMs === undefined ? {} : { resolutionMs: fields.resolutionMs }),
    warnBeforeMs: fields.warnBeforeMs ?? 0,
    ...(fields.businessHours === undefined ? {} : { businessHours: fields.businessHours }),
  }
}

const POLICY_FIELDS = ['firstResponseMs', 'nextResponseMs', 'resolutionMs', 'warnBeforeMs', 'businessHours'] as const

function isBudget(value: unknown, min: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= MAX_DURATION_MS
}

/** Problems with a policy as decoded JSON (an HTTP body, a stored record); empty when it is one. */
export function slaPolicyProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['An SLA policy must be an object `{firstResponseMs?, nextResponseMs?, resolutionMs?, warnBeforeMs, businessHours?}`.']
  const fields = ownFields(value)
  const problems: string[] = []
  for (const key of Object.keys(fields))
    if (!(POLICY_FIELDS as readonly string[]).includes(key)) problems.push(`An SLA policy has no field \`${key}\`; the fields are ${POLICY_FIELDS.map((f) => `\`${f}\``).join(', ')}.`)
  for (const key of ['firstResponseMs', 'nextResponseMs', 'resolutionMs'] as const)
    if (fields[key] !== undefined && !isBudget(fields[key], UNITS.m)) problems.push(`\`${key}\` must be a whole number of ms from 1 minute to 365 days.`)
  if (!isBudget(fields.warnBeforeMs, 0)) problems.push('`warnBeforeMs` must be a whole number of ms from 0 to 365 days.')
  if (fields.firstResponseMs === undefined && fields.nextResponseMs === undefined && fields.resolutionMs === undefined)
    problems.push('An SLA policy needs at least one of `firstResponseMs`, `nextResponseMs`, `resolutionMs`.')
  if (fields.businessHours !== undefined) {
    try {
      if (typeof fields.businessHours !== 'string') throw new HuddleError('invalid', '`businessHours` must be text such as `Mon-Fri 09:00-17:00@Europe/London`.')
      parseBusinessHours(fields.businessHours)
    } catch (error) {
      if (!(error instanceof HuddleError)) throw error
      problems.push(error.message)
    }
  }
  return problems
}

/** A decoded policy, checked; throws `invalid` listing every problem. */
export function readSlaPolicy(value: unknown): SlaPolicy {
  assertNoProblems(slaPolicyProblems(value), 'The SLA policy is not valid:')
  const fields = ownFields(value as object)
  return policyOf({
    firstResponseMs: fields.firstResponseMs as number | undefined,
    nextResponseMs: fields.nextResponseMs as number | undefined,
    resolutionMs: fields.resolutionMs as number | undefined,
    warnBeforeMs: fields.warnBeforeMs as number,
    businessHours: fields.businessHours as string | undefined,
  })
}
