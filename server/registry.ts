// Registries (effects, schedule kinds, games, achievement conditions) are typed definitions, one
// file each, gathered by one collector line. A duplicate id is a programming error: it stops
// start-up instead of letting one definition silently shadow another.

export interface Registry<T> {
  get(id: string): T | undefined;
  has(id: string): boolean;
  all(): readonly T[];
  ids(): string[];
}

export function collectRegistry<T>(what: string, definitions: readonly T[], idOf: (d: T) => string): Registry<T> {
  const byId = new Map<string, T>();
  for (const definition of definitions) {
    const id = idOf(definition);
    if (byId.has(id)) throw new Error(`Duplicate ${what} "${id}"`);
    byId.set(id, definition);
  }
  return {
    get: (id) => byId.get(id),
    has: (id) => byId.has(id),
    all: () => [...byId.values()],
    ids: () => [...byId.keys()],
  };
}
