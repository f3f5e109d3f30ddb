import pg from 'pg';

/** Whether the PostgreSQL a bench part compares with answers; says so when it does not (PGlite only then). */
export async function postgresReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch (error) {
    console.log(`  (PostgreSQL at ${url} not reachable: ${String(error)}; PGlite only)`);
    return false;
  } finally {
    await client.end().catch((error: unknown) => console.log(`  (closing the probe connection failed: ${String(error)})`));
  }
}
