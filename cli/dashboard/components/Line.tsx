/** One line of text that never wraps: cut with `…` to the width it is given by its box. */
import { Text } from 'ink'
import type { ReactNode } from 'react'

export type LineProps = {
  readonly children?: ReactNode
  readonly color?: string | undefined
  readonly bold?: boolean
  readonly inverse?: boolean
  readonly dim?: boolean
}

export function Line({ children, color, bold, inverse, dim }: LineProps) {
  return (
    <Text wrap="truncate-end" color={color} bold={bold} inverse={inverse} dimColor={dim}>
      {children === '' || children === undefined ? ' ' : children}
    </Text>
  )
}
