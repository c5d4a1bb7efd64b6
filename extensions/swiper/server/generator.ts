// The profile generator: synthetic profiles from weighted lists (names and attributes), drawn from a
// seeded stream so the same seed and lists give the same deck. Pictures are the extension's own
// avatars (`/api/ext/swiper/avatar.svg`): initials on a colour, nothing fetched from elsewhere.
import { Random } from '../../../server/extensions/api';
import type { Profile } from '../schemas';
import { pickIndex } from './sampler';

export interface WeightedValue<V> {
  value: V;
  weight: number;
}

export interface GeneratorInput {
  seed: string;
  count: number;
  names?: WeightedValue<string>[];
  attributes: { key: string; values: WeightedValue<string | number | boolean>[] }[];
}

const DEFAULT_NAMES = ['Ada', 'Grace', 'Linus', 'Margaret', 'Alan', 'Katherine', 'Dennis', 'Barbara', 'Ken', 'Frances', 'Edsger', 'Hedy', 'Tim', 'Radia', 'Donald', 'Sophie'];

function pick<V>(random: Random, values: readonly WeightedValue<V>[]): V {
  return values[pickIndex(values.map((v, i) => ({ id: String(i), weight: v.weight })), random.next())]!.value;
}

export function avatarPath(name: string, hue: number): string {
  return `/api/ext/swiper/avatar.svg?name=${encodeURIComponent(name)}&hue=${hue}`;
}

export function generateProfiles(input: GeneratorInput): Profile[] {
  const random = new Random(`swiper-generator\u001f${input.seed}`);
  const names = input.names ?? DEFAULT_NAMES.map((value) => ({ value, weight: 1 }));
  return Array.from({ length: input.count }, () => {
    const name = pick(random, names);
    const attributes: Record<string, string | number | boolean> = {};
    for (const attribute of input.attributes) attributes[attribute.key] = pick(random, attribute.values);
    return { name, picture: avatarPath(name, random.int(0, 359)), attributes };
  });
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The avatar: the name's initials (up to two) on a circle of the given hue. */
export function avatarSvg(name: string, hue: number): string {
  const initials = [...name.trim().split(/\s+/).map((w) => [...w][0] ?? '').join('')].slice(0, 2).join('').toUpperCase() || '?';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">` +
    `<rect width="256" height="256" fill="hsl(${hue},55%,88%)"/>` +
    `<circle cx="128" cy="128" r="96" fill="hsl(${hue},55%,45%)"/>` +
    `<text x="128" y="128" dy=".35em" text-anchor="middle" font-family="sans-serif" font-size="84" fill="#fff">${escapeXml(initials)}</text></svg>`
  );
}
