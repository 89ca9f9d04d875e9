/** `npm run docs:keys`: rewrites the key tables of README.md and docs/design.md from the key table. */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { KEY_DOCS, keyTableMarkdown, withKeyTable } from './key-docs.js'

const root = process.cwd()
const table = keyTableMarkdown()
for (const file of KEY_DOCS) {
  const path = join(root, file)
  const text = await readFile(path, 'utf8')
  const next = withKeyTable(text, table, file)
  if (next !== text) await writeFile(path, next)
  console.log(next === text ? `${file}: the key table is current.` : `${file}: key table rewritten.`)
}
