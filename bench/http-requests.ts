// The HTTP bench's own requests, besides the measured load: its accounts (bench_user, bench_user_1, …,
// one password), their registration, a check that a door answers 2xx before it is measured, and one
// sample answer to show what a non-2xx figure was told.
import type { LoadSpec } from './load';

const BENCH_USER = { username: 'bench_user', email: 'bench_user@example.com', password: 'bench-password-0123' };
export const benchUser = (i: number) => {
  const username = i === 0 ? BENCH_USER.username : `${BENCH_USER.username}_${i}`;
  return { ...BENCH_USER, username, email: `${username}@example.com` };
};
export const loginBody = (i: number) => JSON.stringify({ login: benchUser(i).username, password: BENCH_USER.password });

export async function registerUser(base: string, user = BENCH_USER): Promise<string> {
  const res = await fetch(`${base}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  const body = (await res.json()) as { token?: string };
  if (!res.ok || !body.token) throw new Error(`register failed: ${res.status} ${JSON.stringify(body)}`);
  return body.token;
}

export async function checkOnce(url: string, init: RequestInit, what: string) {
  const res = await fetch(url, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`${what}: ${res.status} ${text.slice(0, 500)}`);
}

/** One request as the load generator sends it, to show what a non-2xx answer says. */
export async function sampleAnswer(spec: Pick<LoadSpec, 'url' | 'method' | 'headers' | 'body'>): Promise<string> {
  try {
    const res = await fetch(spec.url, {
      method: spec.method ?? 'GET',
      headers: spec.headers ?? {},
      ...(spec.body !== undefined ? { body: spec.body } : {}),
    });
    return `${res.status} ${(await res.text()).slice(0, 300)}`;
  } catch (err) {
    return String(err);
  }
}
