// Primitives every module's schemas share: bounded text, timestamps, ids and list pages.
import { z } from 'zod';

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
