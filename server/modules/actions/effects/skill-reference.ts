// A skill named in effect params: its id, its code, or the seed document's placeholder form
// `<development-skill-id>`, which names the skill by code.
import type { Tx } from '../../../db/index';
import { isUuid } from '../../../ids';

export function skillReference(value: string): string {
  const placeholder = /^<([a-z0-9_]+)-skill-id>$/.exec(value);
  return placeholder ? placeholder[1]! : value;
}


export async function skillCodeOf(trx: Tx, reference: string): Promise<string | null> {
  const ref = skillReference(reference);
  const row = await trx('skills').where(isUuid(ref) ? { id: ref } : { code: ref }).first('code');
  return (row?.code as string | undefined) ?? null;
}
