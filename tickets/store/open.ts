import { join } from 'node:path';
import { openSqliteDatabase } from './sqlite.js';
import type { Database } from './types.js';

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/**
 * The product's database: PostgreSQL when `databaseUrl` is a postgres:// or postgresql:// URL,
 * otherwise SQLite in `<dataDir>/support.db`.
 * @throws when `databaseUrl` is set to something else: a mistyped URL must not quietly become a local file
 */
export async function openDatabase(options: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  const url = options.databaseUrl?.trim() ?? '';
  if (POSTGRES_URL.test(url)) {
    // loaded only when used: a bot on SQLite keeps none of the PostgreSQL client in memory
    const { openPostgresDatabase } = await import('./postgres.js');
    return openPostgresDatabase(url);
  }
  if (url !== '') {
    throw new Error('the database URL must start with postgres:// or postgresql:// (leave it unset to use SQLite in the data folder)');
  }
  return openSqliteDatabase(join(options.dataDir, 'support.db'));
}
