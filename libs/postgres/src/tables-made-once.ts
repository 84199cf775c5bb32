/** unique_violation (on the catalogue), duplicate_table, duplicate_schema. */
const CREATED_CONCURRENTLY = new Set(['23505', '42P07', '42P06']);

/**
 * A store's tables, made the first time they are needed by `CREATE ... IF NOT EXISTS` statements.
 * Several nodes may make them at the same moment, which IF NOT EXISTS does not serialise: the one
 * that loses fails on the catalogue, and asking again once the other has committed finds them. A
 * failure for any other reason is tried again at the next use.
 */
export class TablesMadeOnce {
  private made: Promise<void> | null = null;

  constructor(
    private readonly pool: { query(text: string): Promise<unknown> },
    private readonly statements: string,
  ) {}

  ready(): Promise<void> {
    this.made ??= this.make().catch((error: unknown) => {
      this.made = null;
      throw error;
    });
    return this.made;
  }

  private async make(): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.pool.query(this.statements);
        return;
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        if (!CREATED_CONCURRENTLY.has(code) || attempt >= 3) throw error;
      }
    }
  }
}
