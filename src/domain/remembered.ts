/**
 * `fn` with its answers kept for the texts it was asked about, for the names and titles an
 * import meets row after row (a few thousand at most are kept).
 *
 * @example const fold = remembered(foldName); fold('Bench Press') === fold('Bench Press')
 */
export function remembered<R>(fn: (text: string) => R, most = 5000): (text: string) => R {
  const known = new Map<string, R>();
  return (text) => {
    if (known.has(text)) return known.get(text)!;
    const answer = fn(text);
    if (known.size >= most) known.clear();
    known.set(text, answer);
    return answer;
  };
}
