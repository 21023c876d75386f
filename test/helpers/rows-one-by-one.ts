/**
 * What every connection that reads rows one by one (`eachRow`) must do, checked the same way
 * on each: the same rows in the same order as all of them at once, and a row the caller
 * refuses ends the reading while the connection goes on.
 */
import { expect } from 'vitest';
import { eachRow, type Sql, type SqlValue } from '../../src/db/sql.js';

/** Inserts three weigh-ins of a new user `username` (stored out of order) and checks `eachRow` on them; resolves with the select used. */
export async function expectRowsOneByOne(sql: Sql, username: string): Promise<{ text: string; params: SqlValue[] }> {
  const user = (await sql.first<{ id: number }>(`insert into users (username, created_at, updated_at) values ('${username}', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z') returning id`))!.id;
  for (const [date, kg] of [['2025-01-03', 81], ['2025-01-01', 80], ['2025-01-02', null]] as const) {
    await sql.all("insert into health_metrics (user_id, recorded_date, weight_kg, created_at, updated_at) values (?, ?, ?, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')", [user, date, kg]);
  }
  const text = 'select recorded_date, weight_kg from health_metrics where user_id = ? order by recorded_date';
  const seen: unknown[] = [];
  await eachRow(sql, text, [user], (row) => seen.push(row));
  expect(seen).toEqual(await sql.all(text, [user]));
  expect(seen).toEqual([
    { recorded_date: '2025-01-01', weight_kg: 80 },
    { recorded_date: '2025-01-02', weight_kg: null },
    { recorded_date: '2025-01-03', weight_kg: 81 },
  ]);
  // A row that cannot be turned into a record stops the reading, and the connection goes on.
  await expect(eachRow(sql, text, [user], () => { throw new Error('bad row'); })).rejects.toThrow('bad row');
  expect(await sql.all(text, [user])).toHaveLength(3);
  return { text, params: [user] };
}
