/**
 * The stream Ink draws the dashboard into. Ink writes each frame whole
 * (after erasing the previous one, or after clearing the terminal when the
 * frame fills it); this turns that into the few lines that changed, each
 * written at its absolute row, inside one synchronized update. So nothing
 * flickers, a frame never drifts from where it belongs, and after a resize
 * the next frame is drawn afresh on a cleared screen.
 */
import { EventEmitter } from 'node:events'

type Terminal = Pick<NodeJS.WriteStream, 'write' | 'writable' | 'writableLength' | 'writableEnded' | 'destroyed'>

const ESC = '\u001B['
/** What Ink writes before a frame: erasing the previous one's lines, or clearing the terminal. */
const ERASE_LINES = /^(?:\u001B\[2K(?:\u001B\[1A)?)+\u001B\[G/
const CLEAR_TERMINAL = '\u001B[2J\u001B[3J\u001B[H'
/** Writes that only toggle the cursor or synchronized output: passed on as they are. */
const CONTROL_ONLY = /^(?:\u001B\[\?(?:25|2026)[hl])*$/
const BEGIN_SYNC = `${ESC}?2026h`
const END_SYNC = `${ESC}?2026l`

export class FrameOutput extends EventEmitter {
  readonly isTTY = true
  private lines: string[] = []
  private isDirty = true
  /** Whether Ink just erased its frame to print something else (a console message) in its place. */
  private isMakingRoom = false
  /** What was printed that way: kept to show once the dashboard is gone. */
  private readonly aside: string[] = []

  constructor(
    private readonly terminal: Terminal,
    public columns: number,
    public rows: number,
  ) {
    super()
  }

  /** What the program printed to stdout while the dashboard ran (the screen had no room for it). */
  printedAside(): string {
    return this.aside.join('')
  }

  /** A new terminal size: the next frame is drawn whole. */
  resize(columns: number, rows: number): void {
    this.columns = columns
    this.rows = rows
    this.isDirty = true
  }

  write(data: string | Uint8Array, callback?: (error?: Error | null) => void): boolean {
    const text = typeof data === 'string' ? data : Buffer.from(data).toString('utf8')
    if (CONTROL_ONLY.test(text)) return this.pass(text, callback)
    if (this.isMakingRoom) {
      this.isMakingRoom = false
      this.aside.push(text)
      callback?.()
      return true
    }
    let frame = text
    if (frame.startsWith(CLEAR_TERMINAL)) frame = frame.slice(CLEAR_TERMINAL.length)
    else frame = frame.replace(ERASE_LINES, '')
    if (frame === '') {
      // Ink erased its frame to print something else (a console message) and will draw the frame again after it.
      this.isDirty = true
      this.isMakingRoom = true
      callback?.()
      return true
    }
    return this.pass(this.diff(frame), callback)
  }

  /** The escape codes that turn the lines on screen into `frame`'s. */
  private diff(frame: string): string {
    const next = frame.split('\n')
    if (frame.endsWith('\n')) next.pop()
    const count = Math.min(next.length, this.rows)
    let out = this.isDirty ? `${ESC}2J` : ''
    for (let row = 0; row < count; row++) {
      if (!this.isDirty && this.lines[row] === next[row]) continue
      out += `${ESC}${row + 1};1H${ESC}2K${next[row]}${ESC}0m`
    }
    for (let row = count; row < Math.min(this.lines.length, this.rows); row++) out += `${ESC}${row + 1};1H${ESC}2K`
    this.lines = next.slice(0, count)
    this.isDirty = false
    return out === '' ? '' : `${BEGIN_SYNC}${out}${ESC}${this.rows};1H${END_SYNC}`
  }

  private pass(text: string, callback?: (error?: Error | null) => void): boolean {
    if (text === '' && !callback) return true
    return callback ? this.terminal.write(text, callback) : this.terminal.write(text)
  }

  get writable(): boolean {
    return this.terminal.writable
  }

  get writableLength(): number {
    return this.terminal.writableLength
  }

  get writableEnded(): boolean {
    return this.terminal.writableEnded
  }

  get destroyed(): boolean {
    return this.terminal.destroyed
  }
}
