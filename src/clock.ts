/** The current time as the ISO-8601 UTC string every timestamp column holds. @example nowIso() → '2026-11-25T16:52:22.123Z' */
export function nowIso(): string {
  return new Date().toISOString();
}
