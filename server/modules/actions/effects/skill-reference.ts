// A skill named in effect params: its id, its code, or the seed document's placeholder form
// `<development-skill-id>`, which names the skill by code.
import type { Tx } from '../../../db/index';

export function skillReference(value: string): string {
  const placeholder = /^<([a-z0-9_]+)-skill-id>$/.exec(value);
  return placeholder ? placeholder[1]! : value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

export async function skillCodeOf(trx: Tx, reference: string): Promise<string | null> {
  const ref = skillReference(reference);
  const row = await trx('skills').where(UUID.test(ref) ? { id: ref } : { code: ref }).first('code');
  return (row?.code as string | undefined) ?? null;
}
