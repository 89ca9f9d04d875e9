/**
 * Search on the server: the first page of a query over N conversations'
 * messages (default 100,000; `HUDDLE_BENCH_SEARCH_CONVERSATIONS=1000000` for
 * the million), as a member of half the inboxes (access is part of the query).
 *
 * The index is built straight from generated data through SearchIndex, the
 * way a rebuild writes it (one transaction per 1,000 conversations, then
 * merged into one segment), without Yjs documents: what is measured is the
 * query, not the document store.
 * Conversations have 3 messages of 6–14 words drawn from a Zipf-like
 * vocabulary of 5,000 words (seeded), spread over one year, in 10 inboxes.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { ConversationFacts } from '../core/conversation-facts.js'
import type { SearchEntry } from '../core/search-hit.js'
import { parseSearchQuery, type SearchInput } from '../core/search-query.js'
import { seededRandom } from '../core/seeded-random.js'
import { SEARCH_FILE, SearchIndex } from '../server/search/search-index.js'
import { percentile, single, summarise, type Figure, type Suite } from './report.js'

const SUITE = 'search'
const CONVERSATIONS = Number(process.env.HUDDLE_BENCH_SEARCH_CONVERSATIONS ?? 100_000)
const INBOXES = 10
const VOCABULARY = 5000
const YEAR_MS = 365 * 86_400_000
const START = Date.UTC(2025, 0, 1)
const RUNS = 200
const BATCH = 1000

const COMMON = ['order', 'refund', 'parcel', 'delivery', 'payment', 'invoice', 'crème', 'address', 'account', 'password']
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'bri', 'cho', 'dra', 'fle', 'gri', 'plu', 'sto', 'tra', 'xen']

function vocabulary(random: () => number): string[] {
  const words = [...COMMON]
  while (words.length < VOCABULARY) {
    let word = ''
    const length = 2 + Math.floor(random() * 3)
    for (let i = 0; i < length; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)]
    words.push(word)
  }
  return words
}

/** A word rank drawn so that rank r comes about 1/(r+1) as often as rank 0 (Zipf, s = 1). */
function zipfRank(random: () => number): number {
  return Math.min(VOCABULARY - 1, Math.floor(Math.exp(random() * Math.log(VOCABULARY + 1)) - 1))
}

function build(index: SearchIndex, random: () => number, words: readonly string[]): number {
  let messages = 0
  for (let start = 0; start < CONVERSATIONS; start += BATCH) {
    index.batch(() => {
      for (let n = start; n < Math.min(CONVERSATIONS, start + BATCH); n++) {
        const created = START + Math.floor(random() * YEAR_MS)
        const entries: SearchEntry[] = []
        for (let m = 0; m < 3; m++) {
          const length = 6 + Math.floor(random() * 9)
          const text = Array.from({ length }, () => words[zipfRank(random)]).join(' ')
          entries.push({ kind: 'message', at: created + m * 60_000, text })
        }
        messages += entries.length
        const facts: ConversationFacts = {
          id: `c${n.toString(36)}`,
          inbox: `inbox/i${n % INBOXES}`,
          channel: n % 3 === 0 ? 'whatsapp' : 'sms',
          contact: `+1555${String(n).padStart(7, '0')}`,
          contactName: `Customer ${n}`,
          address: '+15550100',
          status: n % 5 === 0 ? 'open' : 'archived',
          assignee: n % 7 === 0 ? 'alice' : null,
          lastActivityAt: created + 120_000,
        }
        index.putConversation(facts, entries)
      }
    })
  }
  index.markBuilt()
  return messages
}

/**
 * The queries timed. `refund` is the vocabulary's second word, in about 40% of
 * the messages (a stop word, the worst case); the 100th word is in about 1%;
 * the rare one among the least frequent.
 */
const queries = (words: readonly string[]): readonly { readonly name: string; readonly input: SearchInput }[] => [
  { name: 'common word', input: { q: 'refund' } },
  { name: 'mid word', input: { q: words[100]! } },
  { name: 'rare word', input: { q: words[VOCABULARY - 10]! } },
  { name: 'prefix of 3', input: { q: 'par' } },
  { name: 'two words', input: { q: 'order crème' } },
  { name: 'word + status', input: { q: 'invoice', status: 'open' } },
  { name: 'word + last month', input: { q: 'payment', since: '2025-12-01' } },
]

export const searchSuite: Suite = {
  name: SUITE,
  async run(log) {
    const folder = await mkdtemp(join(tmpdir(), 'huddle-search-bench-'))
    try {
      const random = seededRandom(20_260_101)
      const words = vocabulary(random)
      const { index } = SearchIndex.open(folder)
      log(`building the index of ${CONVERSATIONS.toLocaleString('en')} conversations…`)
      const buildStarted = performance.now()
      const messages = build(index, random, words)
      const buildSeconds = (performance.now() - buildStarted) / 1000
      const bytes = (await stat(join(folder, SEARCH_FILE))).size
      log(`built in ${buildSeconds.toFixed(1)} s: ${messages.toLocaleString('en')} messages, ${(bytes / 2 ** 20).toFixed(0)} MiB`)
      // A member of half the inboxes: the other half's matches are skipped inside the query.
      const readable = Array.from({ length: INBOXES / 2 }, (_, i) => `inbox/i${i * 2}`)
      const figures: Figure[] = []
      const all: number[] = []
      for (const { name, input } of queries(words)) {
        const query = parseSearchQuery({ ...input, limit: '20' })
        const samples: number[] = []
        let hits = 0
        for (let i = 0; i < RUNS + 5; i++) {
          const started = performance.now()
          const page = index.search(query, readable)
          const elapsed = performance.now() - started
          hits = page.hits.length
          if (i >= 5) samples.push(elapsed)
        }
        all.push(...samples)
        const p99 = percentile(samples, 99)
        log(`${name.padEnd(18)} p50 ${percentile(samples, 50).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms (${hits} hits on the page)`)
        figures.push({ suite: SUITE, name: `first page, ${name}`, unit: 'ms', ...summarise(samples), goal: 100, detail: { p99, hits } })
      }
      index.close(true)
      const detail = { conversations: CONVERSATIONS, messages, indexMiB: Math.round(bytes / 2 ** 20), buildSeconds: Math.round(buildSeconds) }
      figures.push(
        single(SUITE, `first page p50, ${CONVERSATIONS.toLocaleString('en')} conversations`, 'ms', percentile(all, 50), { goal: 100, samples: all.length, detail }),
        single(SUITE, `first page p99, ${CONVERSATIONS.toLocaleString('en')} conversations`, 'ms', percentile(all, 99), { goal: 300, samples: all.length, detail }),
        single(SUITE, 'index build', 'conversations/s', CONVERSATIONS / buildSeconds, { isHigherBetter: true, detail }),
      )
      return figures
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  },
}
