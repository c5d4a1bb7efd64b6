// The API-key scopes that exist: the kernel's, and those the loaded extensions add.
import { collectRegistry } from '../../registry';
import { kernelScopes } from '../../../shared/schemas/developer';
import type { ScopeDefinition } from '../../extensions/definition';

export const scopeRegistry = collectRegistry<ScopeDefinition>('API-key scope', kernelScopes, (s) => s.scope);

export const isPrivilegedScope = (scope: string) => scopeRegistry.get(scope)?.privileged ?? true;

/** The scopes a list names that do not exist, with their index (for the error's field). */
export const unknownScopes = (scopes: readonly string[]) =>
  scopes.map((scope, index) => ({ scope, index })).filter(({ scope }) => !scopeRegistry.has(scope));

export const listScopes = () =>
  scopeRegistry.all().map((s) => ({ scope: s.scope, description: s.description, privileged: s.privileged, owner: scopeRegistry.ownerOf(s.scope)! }));
