/** `@` completion in the composer: the member name being typed, its candidates, and the text once one is chosen. */

export type Member = { readonly id: string; readonly name: string }

/** The `@word` the text ends with (the word without `@`), or null. */
export function mentionAtEnd(text: string): string | null {
  const match = /(^|[^\w@])@([a-z0-9-]*)$/i.exec(text)
  return match ? match[2]!.toLowerCase() : null
}

/** Members whose id or any word of whose name starts with the typed word, best first. */
export function mentionCandidates(text: string, members: readonly Member[]): Member[] {
  const typed = mentionAtEnd(text)
  if (typed === null) return []
  const scored = members
    .map((member) => {
      const id = member.id.toLowerCase()
      const words = member.name.toLowerCase().split(/\s+/)
      const score = id.startsWith(typed) ? 0 : words.some((w) => w.startsWith(typed)) ? 1 : id.includes(typed) ? 2 : -1
      return { member, score }
    })
    .filter((s) => s.score >= 0)
  return scored.sort((a, b) => a.score - b.score || a.member.id.localeCompare(b.member.id)).map((s) => s.member)
}

/** The text with its trailing `@word` replaced by `@id ` of the chosen member. */
export function completeMention(text: string, member: Member): string {
  return text.replace(/@([a-z0-9-]*)$/i, `@${member.id} `)
}
