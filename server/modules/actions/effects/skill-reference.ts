// A skill named in effect params: its id, its code, or the seed document's placeholder form
// `<development-skill-id>`, which names the skill by code.
import type { Tx } from '../../../db/index';
import { skillCode } from '../../skills/service';

export function skillReference(value: string): string {
  const placeholder = /^<([a-z0-9_]+)-skill-id>$/.exec(value);
  return placeholder ? placeholder[1]! : value;
}


export const skillCodeOf = (trx: Tx, reference: string): Promise<string | null> => skillCode(trx, skillReference(reference));
