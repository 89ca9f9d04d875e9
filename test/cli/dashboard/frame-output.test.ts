import { describe, expect, it } from 'vitest'
import { FrameOutput } from '../../../cli/dashboard/frame-output.js'

function terminal(): { written: string[]; stream: ConstructorParameters<typeof FrameOutput>[0] } {
  const written: string[] = []
  const stream = {
    write: (text: string | Uint8Array, callback?: () => void) => {
      written.push(String(text))
      callback?.()
      return true
    },
    writable: true,
    writableLength: 0,
    writableEnded: false,
    destroyed: false,
  } as unknown as ConstructorParameters<typeof FrameOutput>[0]
  return { written, stream }
}

const eraseLines = (n: number): string => `${'\u001B[2K\u001B[1A'.repeat(n - 1)}\u001B[2K\u001B[G`

describe('the frame writer', () => {
  it('draws the first frame whole, then only the lines that changed, each at its row', () => {
    const { written, stream } = terminal()
    const out = new FrameOutput(stream, 20, 3)
    out.write('one\ntwo\nthree')
    expect(written.at(-1)).toContain('\u001B[2J')
    expect(written.at(-1)).toContain('\u001B[1;1H\u001B[2Kone')
    out.write(`${eraseLines(3)}one\nTWO\nthree`)
    const diff = written.at(-1)!
    expect(diff).toContain('\u001B[2;1H\u001B[2KTWO')
    expect(diff).not.toContain('one')
    expect(diff).not.toContain('three')
    expect(diff.startsWith('\u001B[?2026h')).toBe(true)
  })

  it('writes nothing for a frame equal to the last, and understands a cleared terminal before a frame', () => {
    const { written, stream } = terminal()
    const out = new FrameOutput(stream, 20, 2)
    out.write('a\nb')
    const count = written.length
    out.write('\u001B[2J\u001B[3J\u001B[Ha\nb')
    expect(written.length).toBe(count)
  })

  it('draws the whole frame again after a resize, and after Ink made room for a console message, which it keeps for later', () => {
    const { written, stream } = terminal()
    const out = new FrameOutput(stream, 20, 2)
    out.write('a\nb')
    out.resize(30, 2)
    out.write('a\nb')
    expect(written.at(-1)).toContain('\u001B[1;1H\u001B[2Ka')
    out.write(eraseLines(2))
    out.write('a console message\n')
    out.write('a\nb')
    expect(written.at(-1)).toContain('\u001B[2;1H\u001B[2Kb')
    expect(written.join('')).not.toContain('a console message')
    expect(out.printedAside()).toBe('a console message\n')
  })

  it('passes cursor and synchronized-output switches through untouched', () => {
    const { written, stream } = terminal()
    const out = new FrameOutput(stream, 20, 2)
    out.write('\u001B[?25l')
    expect(written).toEqual(['\u001B[?25l'])
  })
})
