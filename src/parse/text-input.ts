/**
 * Whether a file read as UTF-8 text is really binary data (an image, an archive, a database):
 * it holds a NUL character, or bytes that are not UTF-8 at all.
 *
 * @example holdsBinaryData('\u0089PNG\r\n\u001a\n\u0000\u0000') → true
 */
export function holdsBinaryData(text: string): boolean {
  return text.includes('\u0000') || text.includes('\uFFFD');
}
