// Example requests and responses of the OpenID Connect routes, for the API reference (server/openapi-examples.ts).
import * as s from '../../../shared/schemas/oidc';
import { at, exampleIds, examples } from '../../openapi-examples';

const { application: applicationId } = exampleIds;
const clientId = '5b0f1c7e-2f0e-4a8e-9a53-1f3c9d7e2b61';

const client = {
  clientId,
  applicationId,
  name: 'Chess puzzles',
  logoUri: 'https://puzzles.example.com/logo.png',
  type: 'confidential' as const,
  redirectUris: ['https://puzzles.example.com/auth/callback'],
  postLogoutRedirectUris: ['https://puzzles.example.com/'],
  scopes: ['profile' as const, 'skills' as const, 'actions:execute' as const],
  createdAt: at('2026-12-08T09:12:44.120Z'),
  updatedAt: at('2026-12-08T09:12:44.120Z'),
};

export const createClient = examples(
  { input: s.createOidcClientInput, output: s.oidcClientWithSecretOutput },
  {
    request: {
      applicationId,
      name: 'Chess puzzles',
      logoUri: 'https://puzzles.example.com/logo.png',
      type: 'confidential',
      redirectUris: ['https://puzzles.example.com/auth/callback'],
      postLogoutRedirectUris: ['https://puzzles.example.com/'],
      scopes: ['profile', 'skills', 'actions:execute'],
    },
    response: { client, clientSecret: 'cs_Yq3m0bX1v9Kd2Lr8Tz5Wc4Hn7Pj6Sa0Ue1Gf2Ri3Oo' },
  },
);

export const clients = examples(
  { input: s.oidcClientsInput, output: s.oidcClientsOutput },
  { request: { applicationId }, response: { items: [client], nextCursor: null } },
);

export const getClient = examples({ input: s.oidcClientIdInput, output: s.oidcClientOutput }, { request: { clientId }, response: client });

export const updateClient = examples(
  { input: s.updateOidcClientInput, output: s.oidcClientOutput },
  {
    request: { clientId, redirectUris: ['https://puzzles.example.com/auth/callback', 'https://puzzles.example.com/staging/callback'] },
    response: {
      ...client,
      redirectUris: ['https://puzzles.example.com/auth/callback', 'https://puzzles.example.com/staging/callback'],
      updatedAt: at('2026-12-08T10:02:05.511Z'),
    },
  },
);

export const deleteClient = examples({ input: s.oidcClientIdInput }, { request: { clientId } });

export const rotateSecret = examples(
  { input: s.oidcClientIdInput, output: s.oidcClientWithSecretOutput },
  { request: { clientId }, response: { client: { ...client, updatedAt: at('2026-12-08T10:05:51.007Z') }, clientSecret: 'cs_N4b8Vh2Qe6Zs0Xk3Jt7Mw1Ly5Rc9Df2Ag4Po6Iu8E' } },
);

export const connectedApps = examples(
  { output: s.connectedAppsOutput },
  {
    response: {
      items: [
        { clientId, name: 'Chess puzzles', logoUri: 'https://puzzles.example.com/logo.png', scopes: ['openid', 'profile', 'skills'], connectedAt: at('2026-12-08T09:20:17.842Z') },
      ],
    },
  },
);

export const disconnectApp = examples({ input: s.oidcClientIdInput }, { request: { clientId } });

const keys = {
  items: [
    { kid: '0c6f2b9e-4c51-4f7e-8d0a-3b2e6f1a9c47', alg: 'RS256', createdAt: at('2026-12-08T09:00:00.000Z'), signing: true },
  ],
};
export const signingKeys = examples({ output: s.signingKeysOutput }, { response: keys });
export const rotateKeys = examples(
  { output: s.signingKeysOutput },
  {
    response: {
      items: [
        { kid: '7d1e0a52-93b4-4b8c-a6f1-2c9d8e5b3f10', alg: 'RS256', createdAt: at('2026-12-08T11:30:00.000Z'), signing: false },
        { ...keys.items[0]! },
      ],
    },
  },
);
