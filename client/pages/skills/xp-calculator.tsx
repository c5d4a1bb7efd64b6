// The XP calculator: level → XP it needs, XP → level and XP to the next one, and the XP between two
// levels. Pure arithmetic on the shared curve (shared/xp.ts), the same one the server levels with.
import { useState } from 'react';
import { NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { levelProgress, MAX_LEVEL, MAX_XP, xpForLevel } from '../../../shared/xp';
import { SectionCard } from '../developer/section-card';

const formatXp = (xp: number) => xp.toLocaleString('en');

/** A whole number within [min, max], or null while the field holds something else. */
function wholeIn(value: string | number, min: number, max: number): number | null {
  const n = typeof value === 'number' ? value : Number.NaN;
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
}

function Answer({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Text size="sm" aria-label={label} role="status">
      {children}
    </Text>
  );
}

function LevelToXp() {
  const [value, setValue] = useState<string | number>(50);
  const level = wholeIn(value, 1, MAX_LEVEL);
  return (
    <Stack gap="xs">
      <NumberInput label="Level" min={1} max={MAX_LEVEL} allowDecimal={false} allowNegative={false} value={value} onChange={setValue} />
      <Answer label="XP for level">
        {level === null ? `Enter a level from 1 to ${MAX_LEVEL}.` : <>Level {level} needs <b>{formatXp(xpForLevel(level))} XP</b>.</>}
      </Answer>
    </Stack>
  );
}

function XpToLevel() {
  const [value, setValue] = useState<string | number>(100_000);
  const xp = wholeIn(value, 0, MAX_XP);
  const progress = xp === null ? null : levelProgress(xp);
  return (
    <Stack gap="xs">
      <NumberInput label="XP" min={0} max={MAX_XP} allowDecimal={false} allowNegative={false} thousandSeparator="," value={value} onChange={setValue} />
      <Answer label="Level for XP">
        {progress === null ? (
          `Enter XP from 0 to ${formatXp(MAX_XP)}.`
        ) : progress.level >= MAX_LEVEL ? (
          <>Level <b>{progress.level}</b>, the highest level.</>
        ) : (
          <>
            Level <b>{progress.level}</b>, {formatXp(progress.xpToNextLevel)} XP to level {progress.level + 1}.
          </>
        )}
      </Answer>
    </Stack>
  );
}

function XpBetweenLevels() {
  const [fromValue, setFrom] = useState<string | number>(1);
  const [toValue, setTo] = useState<string | number>(99);
  const from = wholeIn(fromValue, 1, MAX_LEVEL);
  const to = wholeIn(toValue, 1, MAX_LEVEL);
  return (
    <Stack gap="xs">
      <SimpleGrid cols={2} spacing="xs">
        <NumberInput label="From level" min={1} max={MAX_LEVEL} allowDecimal={false} allowNegative={false} value={fromValue} onChange={setFrom} />
        <NumberInput label="To level" min={1} max={MAX_LEVEL} allowDecimal={false} allowNegative={false} value={toValue} onChange={setTo} />
      </SimpleGrid>
      <Answer label="XP between levels">
        {from === null || to === null ? (
          `Enter two levels from 1 to ${MAX_LEVEL}.`
        ) : to < from ? (
          'The second level must not be below the first.'
        ) : (
          <>
            Level {from} to {to}: <b>{formatXp(xpForLevel(to) - xpForLevel(from))} XP</b>.
          </>
        )}
      </Answer>
    </Stack>
  );
}

export function XpCalculator() {
  return (
    <SectionCard
      title="XP calculator"
      description={`Levels follow the RuneScape curve: level 2 needs 83 XP, level ${MAX_LEVEL} needs ${formatXp(xpForLevel(MAX_LEVEL))}. XP keeps counting to ${formatXp(MAX_XP)}.`}
    >
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="xl">
        <LevelToXp />
        <XpToLevel />
        <XpBetweenLevels />
      </SimpleGrid>
    </SectionCard>
  );
}
