// Turns a raw User-Agent header into something a person reads at a glance ("Chrome 126 on Linux").
const browsers: Array<[string, RegExp]> = [
  ['Edge', /Edg\/(\d+)/],
  ['Opera', /OPR\/(\d+)/],
  ['Firefox', /Firefox\/(\d+)/],
  ['Chrome', /(?:Chrome|Chromium|CriOS)\/(\d+)/],
  ['Safari', /Version\/(\d+).*Safari\//],
];
const systems: Array<[string, RegExp]> = [
  ['iOS', /iPhone|iPad|iPod/],
  ['Android', /Android/],
  ['ChromeOS', /CrOS/],
  ['Windows', /Windows NT/],
  ['macOS', /Macintosh|Mac OS X/],
  ['Linux', /Linux|X11/],
];

export function shortUserAgent(userAgent: string | null | undefined): string {
  if (!userAgent) return 'Unknown client';
  const browser = browsers.find(([, pattern]) => pattern.test(userAgent));
  const system = systems.find(([, pattern]) => pattern.test(userAgent))?.[0];
  const name = browser ? `${browser[0]} ${userAgent.match(browser[1])?.[1] ?? ''}`.trim() : undefined;
  if (name && system) return `${name} on ${system}`;
  if (name || system) return (name ?? system)!;
  // Not a browser (curl, an SDK): its first product token says enough.
  return userAgent.split(/\s/)[0]!.slice(0, 40);
}
