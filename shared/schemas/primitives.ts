// Primitives every module's schemas share: bounded text, timestamps, ids and list pages.
import { z } from 'zod';
import { FREE_JSON_LIMITS, freeJsonIssue } from './json';

/**
 * Text with an upper bound that PostgreSQL can store: NUL characters are refused here, because
 * PostgreSQL rejects them in text and jsonb and the request would otherwise fail on the database.
 */
export const text = (max: number, min = 0) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters');

/**
 * A free-form JSON object in an input (action params, effect params): plain JSON within
 * FREE_JSON_LIMITS, so it can be stored and written out again on both doors. Outputs that echo a
 * stored value use a plain record instead: a value stored under older limits must still be readable.
 */
export const freeJson = () =>
  z
    .record(z.string(), z.unknown())
    .superRefine((value, ctx) => {
      const issue = freeJsonIssue(value);
      if (issue) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, input: value });
    });

/** The free-form JSON bounds in words, for a field's description. */
export const freeJsonBounds = `Plain JSON, at most ${FREE_JSON_LIMITS.depth} levels deep, ${FREE_JSON_LIMITS.entries} keys and array items in all, ${FREE_JSON_LIMITS.bytes / 1024} KiB as JSON.`;

/** A UUID in its canonical form. */
export const uuid = () => z.uuid();

/**
 * An instant. Outputs are Date objects: superjson keeps them as Date on /trpc, and JSON gives the
 * contract's ISO-8601 UTC string on /api (documented as date-time in OpenAPI).
 */
export const timestamp = () => z.date().meta({ override: { type: 'string', format: 'date-time' } });

export const listInput = {
  limit: z.number().int().min(1).max(100).default(20).describe('Page size, 1–100.'),
  cursor: text(200).optional().describe('Opaque cursor from the previous page’s nextCursor.'),
};

/** The input of a list that takes nothing but a page: optional, so a caller may send nothing. */
export const pageOnlyInput = z.strictObject(listInput).optional();

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const emptyInput = z.strictObject({});
export const okOutput = z.object({ ok: z.literal(true) });
