// Prepared statements made on first use. A store has statements for every method, and most
// commands call a few of them: preparing all ~40 up front took about 4 ms of every command
// (`lectio mark` 94 -> 90 ms, interleaved runs) and of every import.

/** Each property's maker: db.prepare(…), with .pluck() or .raw() as it needs. */
type Makers = Record<string, () => unknown>;

/** An object whose every property is the statement its maker prepares, made once, when first read. */
export function lazyStatements<T extends Makers>(makers: T): { readonly [K in keyof T]: ReturnType<T[K]> } {
  const statements = {} as { [K in keyof T]: ReturnType<T[K]> };
  for (const name of Object.keys(makers) as Array<keyof T>) {
    Object.defineProperty(statements, name, {
      configurable: true,
      enumerable: true,
      get() {
        const statement = makers[name]?.();
        Object.defineProperty(statements, name, { value: statement, enumerable: true });
        return statement;
      },
    });
  }
  return statements;
}
