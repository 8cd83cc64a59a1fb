import type { DbOrTx } from "./client.server";

/**
 * A statement prepared once per connection and reused. Drizzle otherwise rebuilds and
 * re-prepares the SQL on every call, which dominated the cost of hot read paths (session
 * validation, progress) in the benchmark. Use `sql.placeholder()` for the parameters.
 */
export function preparedStatement<T>(build: (db: DbOrTx) => T): (db: DbOrTx) => T {
  const perConnection = new WeakMap<object, T>();
  return (db) => {
    let statement = perConnection.get(db);
    if (!statement) {
      statement = build(db);
      perConnection.set(db, statement);
    }
    return statement;
  };
}
