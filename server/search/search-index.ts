/**
 * The search index: one SQLite file (`search.sqlite` in the data folder),
 * derived from the documents and rebuilt from them whenever it is missing,
 * of another version, or was not closed cleanly.
 *
 *   meta           key → value       `version` (set once a build completed), `clean` (1 after a clean close)
 *   conversations  id → facts        inbox, channel, contact, contact_name, address, status, assignee, last_at
 *   entries        FTS5 (text, conversation, kind)   one row per message, per note, and one `contact` row
 *                                                    (contact name, address, our address, conversation id)
 *   entry_keys     rowid → conversation, kind         to remove a conversation's rows without scanning the FTS table
 *
 * An entry's rowid is its time counted backwards, `(2^42 - 1 - at) * 1024 + n`
 * (n tells apart entries of the same millisecond; 2^42 ms is the year 2109),
 * so FTS5 walks matches newest first in its own, faster, ascending order and
 * a page stops after `limit` rows instead of sorting every match; a page's
 * cursor is the last rowid it returned. The `contact` row is dated by the
 * conversation's last activity and re-dated when it changes.
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { contactText, type SearchEntry, type SearchEntryKind, type SearchHit, type SearchPage } from '../../core/search-hit.js'
import type { SearchQuery } from '../../core/search-query.js'
import { ftsExpression, indexableText, MARK_END, MARK_START } from '../../core/search-text.js'
import type { ConversationFacts } from '../../core/conversation-facts.js'

export const SEARCH_FILE = 'search.sqlite'
/** Bump when the schema or tokenizer changes: an index of another version is rebuilt. */
const INDEX_VERSION = '1'
const SLOTS = 1024
const END_MS = 2 ** 42

/** The first rowid of millisecond `ms`'s slots (later times have smaller rowids). */
const slotBase = (ms: number): number => (END_MS - 1 - Math.min(END_MS - 1, Math.max(0, Math.floor(ms)))) * SLOTS
/** The time of an entry, from its rowid. */
const timeOf = (rowid: number): number => END_MS - 1 - Math.floor(rowid / SLOTS)

type HitRow = Omit<SearchHit, 'at' | 'contactName'> & { readonly pos: number; readonly contact_name: string | null }

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY, inbox TEXT NOT NULL, channel TEXT NOT NULL, contact TEXT NOT NULL, contact_name TEXT,
    address TEXT NOT NULL, status TEXT NOT NULL, assignee TEXT, last_at INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS conversations_inbox ON conversations (inbox);
  CREATE VIRTUAL TABLE IF NOT EXISTS entries USING fts5(
    text, conversation UNINDEXED, kind UNINDEXED, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
  CREATE TABLE IF NOT EXISTS entry_keys (rowid INTEGER PRIMARY KEY, conversation TEXT NOT NULL, kind TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS entry_keys_conversation ON entry_keys (conversation);
`

/** The SQLite search index; synchronous, one writer (the server's search indexer). */
export class SearchIndex {
  private readonly statements

  private constructor(private readonly db: Database.Database) {
    this.statements = {
      lastSlot: db.prepare<[number, number], { pos: number | null }>('SELECT max(rowid) AS pos FROM entry_keys WHERE rowid BETWEEN ? AND ?'),
      insertKey: db.prepare<[number, string, string]>('INSERT INTO entry_keys (rowid, conversation, kind) VALUES (?, ?, ?)'),
      insertEntry: db.prepare<[number, string, string, string]>('INSERT INTO entries (rowid, text, conversation, kind) VALUES (?, ?, ?, ?)'),
      keysOf: db.prepare<[string], { rowid: number }>('SELECT rowid FROM entry_keys WHERE conversation = ?'),
      contactKeyOf: db.prepare<[string], { rowid: number }>("SELECT rowid FROM entry_keys WHERE conversation = ? AND kind = 'contact'"),
      deleteKey: db.prepare<[number]>('DELETE FROM entry_keys WHERE rowid = ?'),
      deleteEntry: db.prepare<[number]>('DELETE FROM entries WHERE rowid = ?'),
      factsOf: db.prepare<[string], { last_at: number }>('SELECT last_at FROM conversations WHERE id = ?'),
      upsertFacts: db.prepare(
        `INSERT INTO conversations (id, inbox, channel, contact, contact_name, address, status, assignee, last_at)
         VALUES (@id, @inbox, @channel, @contact, @contactName, @address, @status, @assignee, @lastActivityAt)
         ON CONFLICT (id) DO UPDATE SET inbox = excluded.inbox, channel = excluded.channel, contact = excluded.contact,
           contact_name = excluded.contact_name, address = excluded.address, status = excluded.status,
           assignee = excluded.assignee, last_at = excluded.last_at`,
      ),
      deleteFacts: db.prepare<[string]>('DELETE FROM conversations WHERE id = ?'),
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare<[string, string]>('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    }
  }

  /**
   * Opens (or creates) the index in `dataDir`. `isCurrent` is false when it
   * must be rebuilt: new, of another version, or not closed cleanly.
   */
  static open(dataDir: string, options: { readonly discard?: boolean } = {}): { index: SearchIndex; isCurrent: boolean } {
    const file = join(dataDir, SEARCH_FILE)
    if (options.discard) for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true })
    const db = new Database(file)
    db.pragma('journal_mode = WAL')
    // The index is derived: losing its last writes to a crash costs a rebuild, never data.
    db.pragma('synchronous = OFF')
    db.exec(SCHEMA)
    const index = new SearchIndex(db)
    const isCurrent = index.meta('version') === INDEX_VERSION && index.meta('clean') === '1'
    index.statements.setMeta.run('clean', '0')
    return { index, isCurrent }
  }

  private meta(key: string): string | undefined {
    return this.statements.getMeta.get(key)?.value
  }

  /** Empties the index before a rebuild; it counts as current once `markBuilt` is called. */
  clear(): void {
    this.db.exec("DELETE FROM entries; DELETE FROM entry_keys; DELETE FROM conversations; DELETE FROM meta WHERE key = 'version'")
  }

  /** Marks a build complete, after merging the full-text index into one segment (a page then reads one doclist per word). */
  markBuilt(): void {
    this.db.exec("INSERT INTO entries (entries) VALUES ('optimize')")
    this.statements.setMeta.run('version', INDEX_VERSION)
  }

  /** Runs `work` in one transaction (a batch of a rebuild: one commit for many conversations). */
  batch(work: () => void): void {
    this.db.transaction(work)()
  }

  /** Replaces everything indexed about one conversation by its facts and entries. */
  putConversation(facts: ConversationFacts, entries: readonly SearchEntry[]): void {
    this.batch(() => {
      this.removeEntries(this.statements.keysOf.all(facts.id))
      this.statements.upsertFacts.run(facts)
      for (const entry of entries) this.insert(facts.id, entry.kind, entry.at, entry.text)
      this.insertContact(facts)
    })
  }

  /** Updates a conversation's facts (status, assignee, activity) without touching its messages. */
  putFacts(facts: ConversationFacts): void {
    this.batch(() => {
      const stored = this.statements.factsOf.get(facts.id)
      this.statements.upsertFacts.run(facts)
      if (stored?.last_at === facts.lastActivityAt) return
      this.removeEntries(this.statements.contactKeyOf.all(facts.id))
      this.insertContact(facts)
    })
  }

  /** Whether a conversation is in the index. */
  has(id: string): boolean {
    return this.statements.factsOf.get(id) !== undefined
  }

  removeConversation(id: string): void {
    this.batch(() => {
      this.removeEntries(this.statements.keysOf.all(id))
      this.statements.deleteFacts.run(id)
    })
  }

  /**
   * One page of matches newest first, only in `inboxes` (the inbox documents
   * the user may read: access is part of the query, so pages stay full).
   */
  search(query: SearchQuery, inboxes: readonly string[]): SearchPage {
    const { filters } = query
    // Each filter given adds its condition and its one named parameter.
    const conditions: readonly (readonly [string, string, string | number | undefined])[] = [
      ['c.inbox = @inbox', 'inbox', filters.inbox],
      ['c.channel = @channel', 'channel', filters.channel],
      ['c.status = @status', 'status', filters.status],
      ['c.assignee = @assignee', 'assignee', filters.assignee],
      ['e.rowid < @since', 'since', filters.since === undefined ? undefined : slotBase(filters.since) + SLOTS],
      ['e.rowid >= @until', 'until', filters.until === undefined ? undefined : slotBase(filters.until)],
      ['e.rowid > @cursor', 'cursor', query.cursor === null ? undefined : Number(query.cursor)],
    ]
    const where = ['entries MATCH @match', 'c.inbox IN (SELECT value FROM json_each(@inboxes))']
    const params: Record<string, string | number> = { match: ftsExpression(query.terms), inboxes: JSON.stringify(inboxes), limit: query.limit + 1 }
    for (const [condition, name, value] of conditions) {
      if (value === undefined) continue
      where.push(condition)
      params[name] = value
    }
    const rows = this.db
      .prepare<Record<string, string | number>, HitRow>(
        `SELECT e.rowid AS pos, e.conversation AS conversation, e.kind AS kind, c.inbox AS inbox, c.channel AS channel,
           c.contact AS contact, c.contact_name AS contact_name, c.status AS status, c.assignee AS assignee,
           snippet(entries, 0, '${MARK_START}', '${MARK_END}', '…', 12) AS snippet
         FROM entries e JOIN conversations c ON c.id = e.conversation
         WHERE ${where.join(' AND ')}
         ORDER BY e.rowid LIMIT @limit`,
      )
      .all(params)
    const page = rows.slice(0, query.limit)
    const hits = page.map(({ pos, contact_name, ...row }) => ({ ...row, contactName: contact_name, at: timeOf(pos) }))
    return { hits, next: rows.length > query.limit ? String(page.at(-1)!.pos) : null }
  }

  /** Closes the index; marked clean (a later open then trusts it) when `isClean` and built. */
  close(isClean: boolean): void {
    if (isClean && this.meta('version') === INDEX_VERSION) this.statements.setMeta.run('clean', '1')
    this.db.close()
  }

  private removeEntries(keys: readonly { rowid: number }[]): void {
    for (const { rowid } of keys) {
      this.statements.deleteEntry.run(rowid)
      this.statements.deleteKey.run(rowid)
    }
  }

  private insertContact(facts: ConversationFacts): void {
    this.insert(facts.id, 'contact', facts.lastActivityAt, contactText(facts))
  }

  private insert(conversation: string, kind: SearchEntryKind, at: number, text: string): void {
    // The first free slot of that millisecond (or of an earlier one, when a
    // thousand entries share it): rowids stay unique and in time order.
    let base = slotBase(at)
    let rowid: number
    for (;;) {
      const last = this.statements.lastSlot.get(base, base + SLOTS - 1)?.pos ?? null
      if (last === null || last < base + SLOTS - 1) {
        rowid = last === null ? base : last + 1
        break
      }
      base += SLOTS
    }
    this.statements.insertKey.run(rowid, conversation, kind)
    this.statements.insertEntry.run(rowid, indexableText(text), conversation, kind)
  }
}
