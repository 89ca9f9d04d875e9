/** Flags several commands share, with their lines of `--help`. */
import { parseBusinessHours } from '../core/business-hours.js'
import { HuddleError } from '../core/errors.js'
import { CHANNELS, LICENCES, PERMISSIONS } from '../core/users.js'
import type { FlagSpec } from './command.js'

export const JSON_FLAG = { json: { type: 'boolean' } } as const satisfies Record<string, FlagSpec>

/** Seconds to wait for the server's acknowledgement of a change: `--wait` alone waits this long. */
export const DEFAULT_WAIT_SECONDS = 30

export const WAIT_FLAG = {
  wait: { type: 'number', bareValue: DEFAULT_WAIT_SECONDS, check: (value) => (Number(value) > 0 && Number(value) <= 86_400 ? undefined : `The wait \`${value}\` is not valid: give seconds from 1 to 86400, e.g. \`--wait=30\`.`) },
} as const satisfies Record<string, FlagSpec>

/** The `--json` and `--wait` lines of a change's `--help`, and what exit code 0 means. */
export const CHANGE_OUTPUT_HELP = `  --json           Print what changed as JSON, with "pending": true when it was only made on this
                   computer and the server has not acknowledged it yet (offline: it is queued)
  --wait[=SECONDS] Wait up to SECONDS (default ${DEFAULT_WAIT_SECONDS}) for the server to acknowledge the change, even
                   offline, and exit 1 if it does not; without it, exit code 0 with "pending"
                   means the change is queued, not that the server has it`

export const YES_FLAG = { yes: { type: 'boolean', shortFlag: 'y' } } as const satisfies Record<string, FlagSpec>

export const CHANNEL_FLAG = { type: 'string', choices: CHANNELS } as const satisfies FlagSpec
export const PERMISSION_FLAG = { type: 'string', choices: PERMISSIONS } as const satisfies FlagSpec
export const LICENCE_FLAG = { type: 'string', isMultiple: true, choices: LICENCES } as const satisfies FlagSpec

/** A 1-based position. */
export function positionProblem(value: string | number): string | undefined {
  return Number.isInteger(value) && Number(value) >= 1 ? undefined : `Position \`${value}\` is not valid: give a whole number from 1.`
}

/** A limit given on the command line: a whole number from 1. */
export function limitProblem(value: string | number): string | undefined {
  return Number.isSafeInteger(value) && Number(value) >= 1 ? undefined : `Limit \`${value}\` is not valid: give a whole number from 1.`
}

export function hoursProblem(value: string | number): string | undefined {
  try {
    parseBusinessHours(String(value))
    return undefined
  } catch (error) {
    if (error instanceof HuddleError) return error.message
    throw error
  }
}
