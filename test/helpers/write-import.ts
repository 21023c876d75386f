// Writes a whole plan the way `import-md` writes each chunk of its files: the production writer
// (`importWriter`) inside one transaction, with the batch row, counts and audit row.
import type { Knex } from 'knex';
import { importWriter } from '../../src/db/import-write.js';
import type { BatchInfo, WriteCounts } from '../../src/db/import-write.js';
import type { ImportPlan } from '../../src/domain/import-plan.js';

export async function writeImport(db: Knex, userId: number, plan: ImportPlan, batch: BatchInfo, onProgress?: (rowsWritten: number) => void): Promise<WriteCounts> {
  return db.transaction(async (trx) => {
    const writer = importWriter(trx, userId, batch);
    await writer.write(plan.planned, onProgress);
    await writer.close(plan.files);
    return writer.counts;
  });
}
