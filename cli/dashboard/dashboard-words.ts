/**
 * Messages written for the command line, said in the dashboard's words: a
 * conversation named by its contact rather than its id, no `huddle …`
 * command to type (the dashboard acts by keys), and no backticks.
 */

const COMMAND = /`huddle [^`]*`/

/** A sentence without its `huddle …` command: the clause or bracket holding it goes, or the whole sentence when it is only that. */
function withoutCommand(sentence: string): string {
  if (!COMMAND.test(sentence)) return sentence
  const cut = sentence
    .replace(/\s*\([^)]*`huddle [^`]*`[^)]*\)/g, '')
    .replace(/\s*(;|,| —)[^;]*`huddle [^`]*`[^;]*?(?=[.!?]?$)/, '')
    .replace(/:\s*`huddle [^`]*`[^.]*/, '')
  return COMMAND.test(cut) ? '' : cut
}

/** `message` for the dashboard; `contactOf` names a conversation id, or gives null for anything else. */
export function dashboardWords(message: string, contactOf: (id: string) => string | null): string {
  const sentences = message.match(/[^.!?]+(?:[.!?]+(?=\s|$)|$)/g) ?? [message]
  return sentences
    .map((sentence) => withoutCommand(sentence.trim()))
    .filter((sentence) => sentence !== '')
    .join(' ')
    .replace(/\b[Cc]onversation `([^`]+)`/g, (whole, id: string) => contactOf(id) ?? whole)
    .replace(/`([^`]+)`/g, (_whole, value: string) => contactOf(value) ?? value)
}
