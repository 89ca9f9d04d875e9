/**
 * Colours of the dashboard, all of them here so that `NO_COLOR` (any value)
 * turns every one off. Nothing is told by colour alone: the words, markers and
 * border styles carry the meaning.
 */
export type Theme = {
  readonly isColour: boolean
  readonly accent: string | undefined
  readonly focus: string | undefined
  readonly muted: string | undefined
  readonly inbound: string | undefined
  readonly outbound: string | undefined
  readonly note: string | undefined
  readonly warning: string | undefined
  readonly error: string | undefined
  readonly ok: string | undefined
  /** Whether `dimColor` may be used (it is a colour attribute). */
  readonly canDim: boolean
}

const COLOURS: Theme = {
  isColour: true,
  accent: 'cyan',
  focus: 'cyan',
  muted: 'gray',
  inbound: 'blue',
  outbound: 'green',
  note: 'yellow',
  warning: 'yellow',
  error: 'red',
  ok: 'green',
  canDim: true,
}

const PLAIN: Theme = {
  isColour: false,
  accent: undefined,
  focus: undefined,
  muted: undefined,
  inbound: undefined,
  outbound: undefined,
  note: undefined,
  warning: undefined,
  error: undefined,
  ok: undefined,
  canDim: false,
}

/** The theme for an environment: plain when NO_COLOR is set (to anything but empty). */
export function themeFor(env: Readonly<Record<string, string | undefined>>): Theme {
  return env.NO_COLOR !== undefined && env.NO_COLOR !== '' ? PLAIN : COLOURS
}
