// The Wilson score interval of a proportion: unlike p ± z·√(p(1−p)/n) it stays inside [0, 1] and
// is honest for few swipes (1 like of 1 is [0.21, 1], not [1, 1]). 95%: z = 1.959964.
const Z95 = 1.959964;

export function wilsonInterval(successes: number, n: number, z = Z95): { low: number; high: number } {
  if (n <= 0) return { low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const margin = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return { low: round(Math.max(0, centre - margin)), high: round(Math.min(1, centre + margin)) };
}
