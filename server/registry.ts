// Registries (effects, schedule kinds, achievement conditions, event types, API-key scopes) are
// typed definitions, one file each, gathered by one collector line; extensions add theirs when
// they load (server/extensions/loader.ts). A duplicate id is a programming error: it stops start-up,
// naming both sides, instead of letting one definition silently shadow another.

export interface Registry<T> {
  get(id: string): T | undefined;
  has(id: string): boolean;
  all(): readonly T[];
  ids(): string[];
  /** 'kernel', or the id of the extension that contributed it. */
  ownerOf(id: string): string | undefined;
}

export interface ExtensibleRegistry<T> extends Registry<T> {
  /**
   * Replaces what extensions contribute (one process runs one platform: the loaded extensions).
   * Throws on a duplicate id, naming both owners; nothing is installed then.
   */
  install(layers: ReadonlyArray<{ owner: string; definitions: readonly T[] }>): void;
}

export class DuplicateDefinitionError extends Error {
  override name = 'DuplicateDefinitionError';
}

export function collectRegistry<T>(what: string, definitions: readonly T[], idOf: (d: T) => string): ExtensibleRegistry<T> {
  const kernel = new Map<string, T>();
  for (const definition of definitions) {
    const id = idOf(definition);
    if (kernel.has(id)) throw new DuplicateDefinitionError(`Duplicate ${what} "${id}"`);
    kernel.set(id, definition);
  }
  let byId = new Map(kernel);
  let owners = new Map([...kernel.keys()].map((id) => [id, 'kernel']));
  return {
    get: (id) => byId.get(id),
    has: (id) => byId.has(id),
    all: () => [...byId.values()],
    ids: () => [...byId.keys()],
    ownerOf: (id) => owners.get(id),
    install(layers) {
      const next = new Map(kernel);
      const nextOwners = new Map([...kernel.keys()].map((id) => [id, 'kernel']));
      for (const { owner, definitions: added } of layers) {
        for (const definition of added) {
          const id = idOf(definition);
          const other = nextOwners.get(id);
          if (other) {
            const side = (o: string) => (o === 'kernel' ? 'the kernel' : `extension "${o}"`);
            throw new DuplicateDefinitionError(`Duplicate ${what} "${id}": defined by ${side(other)} and by ${side(owner)}`);
          }
          next.set(id, definition);
          nextOwners.set(id, owner);
        }
      }
      byId = next;
      owners = nextOwners;
    },
  };
}
