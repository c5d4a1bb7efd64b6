// The skill catalogue: the ten skills, found by id or code, with the XP of every level.
import { MAX_LEVEL, XP_FOR_LEVEL } from '../../../shared/xp';
import type { Skill } from '../../../shared/schemas/skills';
import type { Tx } from '../../db/index';
import { notFound } from '../../errors';
import { isUuid } from '../../ids';

interface SkillRow {
  id: string;
  code: string;
  name: string;
  description: string;
  icon: string;
}

const skillColumns = ['id', 'code', 'name', 'description', 'icon'] as const;
const toSkill = (row: SkillRow): Skill => ({ ...row, maxLevel: MAX_LEVEL });

export async function listSkills(db: Tx): Promise<{ items: Skill[] }> {
  const rows: SkillRow[] = await db('skills').select(skillColumns).orderBy('sort_order');
  return { items: rows.map(toSkill) };
}

export async function findSkill(db: Tx, idOrCode: string): Promise<SkillRow> {
  const row: SkillRow | undefined = await db('skills')
    .select(skillColumns)
    .where((w) => (isUuid(idOrCode) ? w.where('id', idOrCode) : w.where('code', idOrCode)))
    .first();
  if (!row) throw notFound('skill', `No skill "${idOrCode}".`);
  return row;
}

/** The code of the skill with this id or code; null when there is none. */
export async function skillCode(db: Tx, idOrCode: string): Promise<string | null> {
  const row = await db('skills').where(isUuid(idOrCode) ? { id: idOrCode } : { code: idOrCode }).first('code');
  return (row?.code as string | undefined) ?? null;
}

export async function getSkill(db: Tx, idOrCode: string) {
  const skill = await findSkill(db, idOrCode);
  return { ...toSkill(skill), levels: XP_FOR_LEVEL.slice(1).map((xp, i) => ({ level: i + 1, xp })) };
}
