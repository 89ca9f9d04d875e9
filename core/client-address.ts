/**
 * The key per-address limits count a client by: its IPv4 address (also when
 * the socket reports it IPv4-mapped, `::ffff:192.0.2.1`), or the /64 prefix
 * of its IPv6 address, since one host is handed a whole /64 and could
 * otherwise take a fresh address for every request.
 */
export function clientAddressKey(remote: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(remote)
  if (mapped) return mapped[1]!
  if (!remote.includes(':')) return remote
  const [head = '', tail = ''] = remote.split('%')[0]!.toLowerCase().split('::')
  const front = head === '' ? [] : head.split(':')
  const back = remote.includes('::') ? (tail === '' ? [] : tail.split(':')) : []
  const groups = [...front, ...Array<string>(Math.max(0, 8 - front.length - back.length)).fill('0'), ...back]
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`
}
