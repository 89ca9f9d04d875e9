/** The one table from error codes to WebSocket close codes (see core/wire.ts). */
import type { ErrorCode } from '../../core/errors.js'
import { CLOSE_CODES } from '../../core/wire.js'

export const CLOSE_CODE_FOR: Readonly<Record<ErrorCode, number>> = {
  invalid: CLOSE_CODES.invalid,
  unauthenticated: CLOSE_CODES.unauthenticated,
  forbidden: CLOSE_CODES.forbidden,
  'not-found': CLOSE_CODES.notFound,
  conflict: CLOSE_CODES.invalid,
  'unsupported-version': CLOSE_CODES.unsupportedVersion,
  limit: CLOSE_CODES.tooLarge,
  'too-many': CLOSE_CODES.rateLimited,
  storage: CLOSE_CODES.storage,
  unavailable: CLOSE_CODES.overloaded,
}
