// Tabler icons by the names the seed gives skills and achievements (database/seeds/progression.ts),
// and the colour of each achievement rarity. An unknown name (a later seed) falls back to a star.
import {
  IconArrowsExchange,
  IconBug,
  IconBulb,
  IconChartBar,
  IconCode,
  IconCrown,
  IconPalette,
  IconShieldCheck,
  IconShieldLock,
  IconSpeakerphone,
  IconStack2,
  IconStar,
  IconSword,
  IconThumbUp,
  IconTrophy,
  IconUsers,
  IconWriting,
  type Icon,
} from '@tabler/icons-react';
import type { Achievement } from '../../../shared/schemas/skills';

const icons: Record<string, Icon> = {
  'arrows-exchange': IconArrowsExchange,
  bug: IconBug,
  bulb: IconBulb,
  'chart-bar': IconChartBar,
  code: IconCode,
  crown: IconCrown,
  palette: IconPalette,
  'shield-check': IconShieldCheck,
  'shield-lock': IconShieldLock,
  speakerphone: IconSpeakerphone,
  'stack-2': IconStack2,
  sword: IconSword,
  'thumb-up': IconThumbUp,
  trophy: IconTrophy,
  users: IconUsers,
  writing: IconWriting,
};

export const iconFor = (name: string): Icon => icons[name] ?? IconStar;

export const rarityColors: Record<Achievement['rarity'], string> = {
  common: 'gray',
  uncommon: 'teal',
  rare: 'blue',
  epic: 'grape',
  legendary: 'orange',
};
