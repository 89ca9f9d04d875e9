/** The terminal's size, following resizes; fixed when the caller passes a size (tests, benchmarks). */
import { useStdout } from 'ink'
import { useEffect, useState } from 'react'

export type TerminalSize = { readonly columns: number; readonly rows: number }

export function useTerminalSize(fixed?: Partial<TerminalSize>): TerminalSize {
  const { stdout } = useStdout()
  const read = (): TerminalSize => ({ columns: fixed?.columns ?? stdout.columns ?? 80, rows: fixed?.rows ?? stdout.rows ?? 24 })
  const [size, setSize] = useState(read)
  useEffect(() => {
    if (fixed?.columns !== undefined && fixed.rows !== undefined) return
    const onResize = (): void => setSize(read())
    stdout.on('resize', onResize)
    return () => void stdout.off('resize', onResize)
  }, [stdout, fixed?.columns, fixed?.rows])
  return fixed?.columns !== undefined && fixed.rows !== undefined ? { columns: fixed.columns, rows: fixed.rows } : size
}
