export type TEmbeddedPostgres = { url: string; stop: () => Promise<void> };
export function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  quiet?: boolean;
}): Promise<TEmbeddedPostgres>;
export function isPostgresReachable(url: string): Promise<boolean>;
export function recreateDatabase(adminUrl: string, name: string): Promise<string>;
export function migrateDatabase(databaseUrl: string): Promise<void>;
