// A sample application that signs its users in with CalOS through OpenID Connect, with a standard
// client library (openid-client), and shows the signed-in user's skills: read from the userinfo
// endpoint (scope `skills`) and from CalOS's REST API with the access token (GET /api/progress).
// No CalOS password ever reaches it. Started by `npm run example:sso` (examples/sso-skills/README.md).
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';

export interface SampleAppOptions {
  /** CalOS's address: its issuer (discovery at /.well-known/openid-configuration). */
  calosUrl: string;
  clientId: string;
  clientSecret: string;
  /** Where this app listens, e.g. http://localhost:5409 (its redirect URI is <appUrl>/callback). */
  appUrl: string;
}

interface Visit {
  verifier?: string;
  state?: string;
  user?: { username: string; idToken: string; skills: Array<{ name: string; level: number; xp: number }>; totalLevel: number };
}

const escape = (value: unknown) => String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Puzzle club</title></head><body style="font-family:system-ui;max-width:40rem;margin:3rem auto">${body}</body></html>`;

export async function startSampleApp(options: SampleAppOptions): Promise<{ url: string; close(): Promise<void> }> {
  const allowHttp = options.calosUrl.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : undefined;
  const config = await oidc.discovery(new URL(options.calosUrl), options.clientId, options.clientSecret, undefined, allowHttp);
  const redirectUri = `${options.appUrl}/callback`;
  // Visits by a random cookie; a real application would use its own session store.
  const visits = new Map<string, Visit>();

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', options.appUrl);
      let id = /(?:^|;\s*)visit=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1];
      if (!id || !visits.has(id)) {
        id = randomBytes(16).toString('base64url');
        visits.set(id, {});
        res.setHeader('set-cookie', `visit=${id}; HttpOnly; SameSite=Lax; Path=/`);
      }
      const visit = visits.get(id)!;
      const send = (status: number, html: string) => res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      const redirect = (to: string) => res.writeHead(303, { location: to }).end();

      if (url.pathname === '/login') {
        visit.verifier = oidc.randomPKCECodeVerifier();
        visit.state = oidc.randomState();
        const target = oidc.buildAuthorizationUrl(config, {
          redirect_uri: redirectUri,
          scope: 'openid profile skills',
          code_challenge: await oidc.calculatePKCECodeChallenge(visit.verifier),
          code_challenge_method: 'S256',
          state: visit.state,
        });
        return redirect(target.href);
      }
      if (url.pathname === '/callback') {
        const refused = url.searchParams.get('error');
        if (refused) {
          // The user pressed Cancel on CalOS's consent screen (access_denied), or CalOS refused the request.
          visit.verifier = visit.state = undefined;
          const description = url.searchParams.get('error_description') ?? '';
          return send(200, page(`<h1>Not signed in</h1><p>CalOS answered <code>${escape(refused)}</code>: ${escape(description)}</p><p><a href="/">Home</a></p>`));
        }
        if (!visit.verifier) return send(400, page('<p>Start again from <a href="/">the home page</a>.</p>'));
        const tokens = await oidc.authorizationCodeGrant(config, url, { pkceCodeVerifier: visit.verifier, expectedState: visit.state });
        visit.verifier = visit.state = undefined;
        const claims = tokens.claims()!;
        const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
        // The same access token reads the user's progress from CalOS's REST API.
        const progress = await fetch(new URL('/api/progress', options.calosUrl), { headers: { authorization: `Bearer ${tokens.access_token}` } });
        const summary = progress.ok ? ((await progress.json()) as { totalLevel: number }) : { totalLevel: Number(info.total_level ?? 0) };
        visit.user = {
          username: String(info.preferred_username),
          idToken: tokens.id_token!,
          skills: (info.skills as Array<{ name: string; level: number; xp: number }> | undefined) ?? [],
          totalLevel: summary.totalLevel,
        };
        return redirect('/');
      }
      if (url.pathname === '/logout') {
        const idToken = visit.user?.idToken;
        visits.delete(id);
        if (!idToken) return redirect('/');
        return redirect(oidc.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: `${options.appUrl}/` }).href);
      }
      if (url.pathname === '/') {
        if (!visit.user) return send(200, page('<h1>Puzzle club</h1><p>Sign in to see your skills.</p><p><a href="/login">Sign in with CalOS</a></p>'));
        const rows = visit.user.skills.map((s) => `<li>${escape(s.name)}: level ${escape(s.level)} (${escape(s.xp)} XP)</li>`).join('');
        return send(
          200,
          page(
            `<h1>Hello, ${escape(visit.user.username)}</h1><p>Total level ${escape(visit.user.totalLevel)}</p><h2>Your skills</h2><ul aria-label="Skills">${rows}</ul><p><a href="/logout">Sign out</a></p>`,
          ),
        );
      }
      return send(404, page('<p>Not found.</p>'));
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/html; charset=utf-8' }).end(page(`<h1>Sign-in failed</h1><p>${escape((err as Error).message)}</p>`));
    }
  });
  const { port, hostname } = new URL(options.appUrl);
  await new Promise<void>((resolve) => server.listen(Number(port), hostname === 'localhost' ? 'localhost' : hostname, resolve));
  return {
    url: options.appUrl,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
