/** The key tables of README.md and docs/design.md are the key table's, as `npm run docs:keys` writes them. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { KEY_DOCS, KEYS_BEGIN, KEYS_END, keyTableMarkdown, withKeyTable } from '../../../cli/dashboard/key-docs.js'
import { KEY_BINDINGS } from '../../../cli/dashboard/key-table.js'

const ROOT = join(import.meta.dirname, '..', '..', '..')

/** The generated block of `text`, or null without markers. */
function keyTableIn(text: string): string | null {
  const begin = text.indexOf(KEYS_BEGIN)
  const end = text.indexOf(KEYS_END, begin)
  return begin < 0 || end < 0 ? null : text.slice(begin + KEYS_BEGIN.length, end).trim()
}

describe('the key tables in the docs', () => {
  it.each(KEY_DOCS)('%s holds the key table as key-table.ts has it (else run npm run docs:keys)', (file) => {
    const block = keyTableIn(readFileSync(join(ROOT, file), 'utf8'))
    expect(block, `${file} has no generated key table`).not.toBeNull()
    expect(block, `${file}'s key table differs from cli/dashboard/key-table.ts: run npm run docs:keys`).toBe(keyTableMarkdown())
  })

  it('lists every binding with every key it answers to', () => {
    const rows = keyTableMarkdown().split('\n').slice(2)
    expect(rows).toHaveLength(KEY_BINDINGS.length)
    expect(rows.find((r) => r.includes('Next placeholder'))).toContain('`Tab` `↓` `^n`')
    expect(rows.find((r) => r.includes('Archive, or reopen'))).toBe('| Conversation | `e` | Archive, or reopen an archived conversation (Conversations, Conversation panes) |')
  })

  it('rewrites only the marked block, and says how to add the markers when they are missing', () => {
    const text = `# Title\n\n${KEYS_BEGIN}\n| old |\n${KEYS_END}\n\nAfter.\n`
    expect(withKeyTable(text, '| new |', 'X.md')).toBe(`# Title\n\n${KEYS_BEGIN}\n| new |\n${KEYS_END}\n\nAfter.\n`)
    expect(() => withKeyTable('# Title\n', '| new |', 'X.md')).toThrow(/X\.md has no generated key table: put the lines .* then run `npm run docs:keys`/)
  })
})
