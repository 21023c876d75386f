// Bare-driver writes for the baselines: multi-row INSERTs on pg, the ceiling a hand-written
// import would reach without parsing or planning.

/**
 * A function inserting rows (arrays, in `cols` order) into `table` with one multi-row INSERT on
 * a pg client; `returning` is appended (e.g. 'RETURNING id').
 */
export function pgInsertMany(client) {
  return async (table, cols, rows, returning = '') => {
    const width = rows[0].length;
    const params = [];
    const tuples = rows.map((row, r) => {
      params.push(...row);
      return `(${row.map((_, c) => `$${r * width + c + 1}`).join(',')})`;
    });
    return client.query(`INSERT INTO ${table} (${cols}) VALUES ${tuples.join(',')} ${returning}`, params);
  };
}
