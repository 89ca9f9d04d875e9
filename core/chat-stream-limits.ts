/** How many live chat windows (event streams) the server keeps open: per visitor, per client address and in all. The server enforces them; `huddle serve` documents and sets them. */
export type StreamLimits = {
  /** Open streams one visitor may hold at once. */
  readonly perVisitor: number
  /** Open streams of all visitors from one client address (an IPv4 address, an IPv6 /64) together. */
  readonly perAddress: number
  /** Open streams of all visitors together. */
  readonly total: number
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = { perVisitor: 5, perAddress: 50, total: 1000 }
