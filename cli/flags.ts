/** Flags several commands share, with their lines of `--help`. */
import { parseBusinessHours } from '../core/business-hours.js'
import { HuddleError } from '../core/errors.js'
import { CHANNELS, LICENCES, PERMISSIONS } from '../core/users.js'
import type { FlagSpec } from './command.js'

export const JSON_FLAG = { json: { type: 'boolean' } } as const satisfies Record<string, FlagSpec>

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
