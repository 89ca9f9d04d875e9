/**
 * Colours of the dashboard, all of them here so that `NO_COLOR` (any value)
 * turns every one off. Nothing is told by colour alone: the words, markers and
 * border styles carry the meaning.
 */
import type { LabelColour } from '../../core/label.js'
import type { Priority } from '../../core/priority.js'

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

/** The terminal colour of each label colour (core/label.ts); `teal` and `purple` are the terminal's cyan and magenta. */
const LABEL_TERMINAL_COLOURS: Readonly<Record<LabelColour, string>> = {
  red: 'red',
  orange: '#ff8700',
  yellow: 'yellow',
  green: 'green',
  teal: 'cyan',
  blue: 'blue',
  purple: 'magenta',
  grey: 'gray',
}

export function labelColour(theme: Theme, colour: LabelColour): string | undefined {
  return theme.isColour ? LABEL_TERMINAL_COLOURS[colour] : undefined
}

/** Urgent in the error colour and high in the warning colour, besides their marks; normal and low in none. */
export function priorityColour(theme: Theme, priority: Priority): string | undefined {
  return priority === 'urgent' ? theme.error : priority === 'high' ? theme.warning : undefined
}

/** The theme for an environment: plain when NO_COLOR is set (to anything but empty). */
export function themeFor(env: Readonly<Record<string, string | undefined>>): Theme {
  return env.NO_COLOR !== undefined && env.NO_COLOR !== '' ? PLAIN : COLOURS
}
