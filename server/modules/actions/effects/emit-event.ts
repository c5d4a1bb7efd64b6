// emit_event: an application-defined event (action.custom) for webhooks to pick up.
import { z } from 'zod';
import { defineEvent } from '../../../events/catalogue';
import { defineEffect } from './effect';

export const actionCustomEvent = defineEvent({
  type: 'action.custom',
  description: 'An event an action’s emit_event effect sends: `name` and `payload` are the action’s own.',
  data: z.object({ userId: z.string(), actionCode: z.string(), executionId: z.string(), name: z.string(), payload: z.record(z.string(), z.unknown()) }),
});

export const emitEventEffect = defineEffect({
  code: 'emit_event',
  name: 'Emit event',
  description: 'Sends an `action.custom` event named `name` with `payload` (and, with includeParams, the execute params).',
  params: z.strictObject({
    name: z.string().regex(/^[a-z0-9_.-]{1,64}$/),
    payload: z.record(z.string(), z.unknown()).default({}),
    includeParams: z.boolean().default(false),
  }),
  async apply(ctx, p) {
    const payload = p.includeParams ? { ...p.payload, params: ctx.params } : p.payload;
    const { eventId } = await ctx.events.emit(ctx.trx, {
      event: actionCustomEvent,
      mode: ctx.mode,
      userId: ctx.userId,
      applicationId: ctx.applicationId,
      data: { userId: ctx.userId, actionCode: ctx.action.code, executionId: ctx.executionId, name: p.name, payload },
    });
    return { status: 'applied', result: { eventId, name: p.name } };
  },
});
