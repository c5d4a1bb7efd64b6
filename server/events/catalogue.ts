// The event catalogue: every event type CalOS emits, with what its `data` holds. Modules add their
// events with defineEvent (one line each, beside the module); webhooks subscribe by type.
import { z } from 'zod';

export interface EventDefinition<T extends z.ZodType = z.ZodType> {
  type: string;
  description: string;
  data: T;
}

const kernelEvents = new Map<string, EventDefinition>();
let extensionEvents = new Map<string, { owner: string; definition: EventDefinition }>();

/** An event type's definition, checked; extensions list theirs in their definition's `events`. */
export function eventType<T extends z.ZodType>(definition: EventDefinition<T>): EventDefinition<T> {
  if (!/^[a-z_]+\.[a-z_]+$/.test(definition.type)) throw new Error(`Event type ${definition.type} is not namespace.name`);
  return definition;
}

/** A kernel module's event type, registered as its module loads. */
export function defineEvent<T extends z.ZodType>(definition: EventDefinition<T>): EventDefinition<T> {
  if (kernelEvents.has(definition.type)) throw new Error(`Event type ${definition.type} is defined twice`);
  kernelEvents.set(eventType(definition).type, definition);
  return definition;
}

/** Replaces the loaded extensions' event types; a duplicate type throws naming both sides. */
export function installExtensionEvents(layers: ReadonlyArray<{ owner: string; definitions: readonly EventDefinition[] }>): void {
  const next = new Map<string, { owner: string; definition: EventDefinition }>();
  for (const { owner, definitions } of layers) {
    for (const definition of definitions) {
      const other = kernelEvents.has(definition.type) ? 'the kernel' : next.has(definition.type) ? `extension "${next.get(definition.type)!.owner}"` : null;
      if (other) throw new Error(`Duplicate event type "${definition.type}": defined by ${other} and by extension "${owner}"`);
      next.set(definition.type, { owner, definition: eventType(definition) });
    }
  }
  extensionEvents = next;
}

export const eventTypes = () =>
  [...kernelEvents.values(), ...[...extensionEvents.values()].map((e) => e.definition)].sort((a, b) => a.type.localeCompare(b.type));
export const isEventType = (type: string) => kernelEvents.has(type) || extensionEvents.has(type);
/** 'kernel' or the extension that defines the type. */
export const eventOwner = (type: string) => (kernelEvents.has(type) ? 'kernel' : extensionEvents.get(type)?.owner);

// Events of the platform itself; each module defines its own next to its service.
export const webhookTestEvent = defineEvent({
  type: 'webhook.test',
  description: 'Sent on request to one endpoint, to check that it receives and verifies deliveries.',
  data: z.object({ endpointId: z.string(), message: z.string() }),
});
