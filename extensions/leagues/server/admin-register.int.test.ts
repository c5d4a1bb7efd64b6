// An administrator adds players to a league from the web client: a signed-in administrator may name
// the user to register, as an API key with leagues:manage must; anyone else registers only themselves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/testing/harness';
import { signUp, signUpAdmin } from '../../../server/testing/factories';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signUpAdmin>>;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
});
afterAll(async () => {
  await t.close();
});

const register = (token: string, body: Record<string, unknown>) => t.rest('POST', '/api/leagues/register', { token, body });

describe('registering another user', () => {
  it('is open to an administrator, and refused to other users', async () => {
    const created = await t.rest('POST', '/api/leagues/create', {
      token: admin.token,
      body: { game: 'chess', format: 'round_robin', startDate: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const leagueId = created.body.id as string;
    const player = await signUp(t);
    const other = await signUp(t);

    const added = await register(admin.token, { leagueId, userId: player.userId });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({ leagueId, userId: player.userId, username: player.account.username });
    expect((await register(admin.token, { leagueId, userId: player.userId })).body.error.details.reason).toBe('ALREADY_REGISTERED');
    expect((await register(admin.token, { leagueId, userId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    // Without a userId an administrator registers themselves, like anyone.
    expect((await register(admin.token, { leagueId })).body.userId).toBe(admin.userId);

    const refused = await register(player.token, { leagueId, userId: other.userId });
    expect(refused.status).toBe(403);
    expect(refused.body.error.details.reason).toBe('NOT_YOURSELF');
    const detail = await t.rest('GET', `/api/leagues/${leagueId}`);
    expect(detail.body.participants.map((p: { userId: string }) => p.userId).sort()).toEqual([player.userId, admin.userId].sort());
  });
});
