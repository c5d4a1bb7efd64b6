// The event catalogue: every event type CalOS emits, with what its `data` holds. Modules add their
// events with defineEvent (one line each, beside the module); webhooks subscribe by type.
import { z } from 'zod';

export interface EventDefinition<T extends z.ZodType = z.ZodType> {
  type: string;
  description: string;
  data: T;
}

const catalogue = new Map<string, EventDefinition>();

export function defineEvent<T extends z.ZodType>(definition: EventDefinition<T>): EventDefinition<T> {
  if (catalogue.has(definition.type)) throw new Error(`Event type ${definition.type} is defined twice`);
  if (!/^[a-z_]+\.[a-z_]+$/.test(definition.type)) throw new Error(`Event type ${definition.type} is not namespace.name`);
  catalogue.set(definition.type, definition);
  return definition;
}

export const eventTypes = () => [...catalogue.values()].sort((a, b) => a.type.localeCompare(b.type));
export const isEventType = (type: string) => catalogue.has(type);

// Events of the platform itself; each module defines its own next to its service.
export const webhookTestEvent = defineEvent({
  type: 'webhook.test',
  description: 'Sent on request to one endpoint, to check that it receives and verifies deliveries.',
  data: z.object({ endpointId: z.string(), message: z.string() }),
});
