/**
 * A copy of a string that holds nothing else: a substring a parser hands over may be a slice
 * of a whole chunk of a file (and a string built from it may point to that slice), so keeping
 * it for the rest of a long import would keep the chunk, and memory would grow with the file.
 *
 * @example seen.set(ownText(`${date}\u0000${title}`), line)
 */
export function ownText(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}
