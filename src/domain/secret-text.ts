/**
 * Hiding secrets in text shown to people: passwords in URLs (the userinfo and a `password=`
 * query parameter) and in `--password=VALUE`-style options. Every message, error and URL
 * fittrack prints goes through one of these.
 */

const MASK = '****';
/** `scheme://user:PASSWORD@`, anywhere in the text. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@?#]*:)[^\s@]*@/gi;
/** `?password=…` / `&sslpassword=…` query parameters (a colon that ends a message's clause is kept). */
const QUERY_SECRET = /([?&;](?:ssl)?(?:password|passwd|pass|pwd|secret|token)=)[^&#\s'"]*?(?=[&#\s'"]|:\s|:$|$)/gi;
/** The value typed after an option commander does not know (`--pasword=…`: a typo may hide a secret). */
const UNKNOWN_OPTION_VALUE = /(unknown option '[^'=\s]*=)[^']*'/gi;
/** `--password=…`, `--db-password=…`, `--token=…` typed on the command line. */
const OPTION_SECRET = /(--[a-z0-9-]*(?:password|passwd|secret|token)[a-z0-9-]*=)[^\s'"]*?(?=[\s'"]|:\s|:$|$)/gi;

/**
 * Masks the passwords of the URLs in `text` (userinfo and query).
 *
 * @example maskUrl('postgres://u:pw@h/db?password=x') → 'postgres://u:****@h/db?password=****'
 */
export function maskUrl(text: string): string {
  return text.replace(URL_USERINFO, `$1${MASK}@`).replace(QUERY_SECRET, `$1${MASK}`);
}

/**
 * Masks every secret fittrack knows how to spot in a message: URL passwords, the values of
 * `--…password=…`-style options and any value given to an unknown option.
 *
 * @example maskSecrets("unknown option '--password=hunter2'") → "unknown option '--password=****'"
 */
export function maskSecrets(text: string): string {
  return maskUrl(text).replace(UNKNOWN_OPTION_VALUE, `$1${MASK}'`).replace(OPTION_SECRET, `$1${MASK}`);
}
