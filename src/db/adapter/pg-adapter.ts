/**
 * What fittrack does below the public APIs on PostgreSQL: loading pg with a `navigator` lent for
 * a moment (the driver connections Knex's pool lends are reached through `knex-client.ts`).
 */

/**
 * Loads pg. On start pg asks whether it runs in a Cloudflare Worker: Node 20 has no `navigator`,
 * so pg builds a fetch `Response` to find out, which loads Node's whole fetch implementation
 * (about 14 ms of every PostgreSQL command). A `navigator` naming Node.js (as Node 21 and later
 * define it) answers first; it is removed again once pg is loaded.
 */
export async function loadPg(): Promise<typeof import('pg').default> {
  const g = globalThis as { navigator?: unknown };
  const lent = g.navigator === undefined;
  if (lent) Object.defineProperty(globalThis, 'navigator', { value: { userAgent: `Node.js/${process.versions.node}` }, configurable: true, writable: true });
  try {
    return (await import('pg')).default;
  } finally {
    if (lent) delete g.navigator;
  }
}
