/** Sizes in bytes as people read them: `900 B`, `4 KiB`, `15.9 MiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const [size, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KiB'] : [bytes / (1024 * 1024), 'MiB']
  return `${Number(size.toFixed(1))} ${unit}`
}
