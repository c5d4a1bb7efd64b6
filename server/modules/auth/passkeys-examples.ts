// Example requests and responses of the passkey routes and the device confirmation (openapi-examples.ts).
import * as s from '../../../shared/schemas/passkeys';
import { loginOutput } from '../../../shared/schemas/auth';
import { at, exampleIds, examples } from '../../openapi-examples';

const { ada } = exampleIds;
const laptopKey = {
  id: '6f1d2c3b-8e4a-4b7d-9c2e-1a5f3d7b9e01',
  name: 'MacBook Touch ID',
  deviceType: 'multiDevice' as const,
  backedUp: true,
  createdAt: at('2026-12-07T09:10:12.204Z'),
  lastUsedAt: at('2026-12-08T08:01:44.930Z'),
};
const securityKey = {
  id: '0b7e4f9a-2c1d-4e3b-8a6f-5d9c2e1b7a43',
  name: 'YubiKey',
  deviceType: 'singleDevice' as const,
  backedUp: false,
  createdAt: at('2026-12-07T09:12:40.511Z'),
  lastUsedAt: null,
};
const challenge = 'mQ4x0uC3oT8n1JrVbZ6kLwYp2sHdE9fA7gKqR5tU0iE';
const credentialId = 'Y2FsMXNfcGFzc2tleV9leGFtcGxlX2NyZWRlbnRpYWw';
const clientData = 'eyJ0eXBlIjoid2ViYXV0aG4uZ2V0IiwiY2hhbGxlbmdlIjoibVE0eDB1QzNvVDhuMUpyVmJaNmtMd1lwMnNIZEU5ZkE3Z0txUjV0VTBpRSIsIm9yaWdpbiI6Imh0dHBzOi8vY2Fsb3MuZXhhbXBsZS5jb20ifQ';
const requestOptions = { challenge, timeout: 300000, rpId: 'calos.example.com', allowCredentials: [], userVerification: 'required' };

export const passkeys = examples({ output: s.passkeysOutput }, { response: { items: [laptopKey, securityKey], secondFactor: true } });

export const registrationOptions = examples(
  { input: s.registrationOptionsInput, output: s.optionsOutput },
  {
    request: { password: 'correct horse battery staple' },
    response: {
      options: {
        challenge,
        rp: { name: 'CalOS', id: 'calos.example.com' },
        user: { id: 'OWUyZGZhMWItMDIxYy00MzAzLTkyNDYtZDkwMWE1M2VlYmYw', name: 'ada', displayName: '' },
        pubKeyCredParams: [{ alg: -8, type: 'public-key' }, { alg: -7, type: 'public-key' }, { alg: -257, type: 'public-key' }],
        timeout: 300000,
        attestation: 'none',
        excludeCredentials: [],
        authenticatorSelection: { residentKey: 'required', userVerification: 'preferred', requireResidentKey: true },
        extensions: { credProps: true },
        hints: [],
      },
    },
  },
);

export const registerPasskey = examples(
  { input: s.registerPasskeyInput, output: s.passkeyOutput },
  {
    request: {
      name: 'MacBook Touch ID',
      response: {
        id: credentialId,
        rawId: credentialId,
        type: 'public-key',
        authenticatorAttachment: 'platform',
        clientExtensionResults: { credProps: { rk: true } },
        response: {
          clientDataJSON: clientData,
          attestationObject: 'o2NmbXRkbm9uZWdhdHRTdG10oGhhdXRoRGF0YVjFSZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2NFAAAAAA',
          transports: ['internal', 'hybrid'],
        },
      },
    },
    response: { ...laptopKey, lastUsedAt: null },
  },
);

export const renamePasskey = examples(
  { input: s.renamePasskeyInput, output: s.passkeyOutput },
  { request: { passkeyId: securityKey.id, name: 'Blue YubiKey' }, response: { ...securityKey, name: 'Blue YubiKey' } },
);

export const removePasskey = examples({ input: s.removePasskeyInput }, { request: { passkeyId: securityKey.id, password: 'correct horse battery staple' } });

export const secondFactor = examples(
  { input: s.secondFactorInput, output: s.secondFactorOutput },
  { request: { enabled: true, password: 'correct horse battery staple' }, response: { secondFactor: true } },
);

export const loginOptions = examples({ output: s.optionsOutput }, { response: { options: requestOptions } });

export const loginWithPasskey = examples(
  { input: s.passkeyLoginInput, output: loginOutput },
  {
    request: {
      response: {
        id: credentialId,
        rawId: credentialId,
        type: 'public-key',
        authenticatorAttachment: 'platform',
        clientExtensionResults: {},
        response: {
          clientDataJSON: clientData,
          authenticatorData: 'SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAABw',
          signature: 'MEUCIQDd3v9Yk0bq6q1lR5m2yH0x8cZ7b3wX4nJt9uVfQa1oEwIgK2vR8sT1pL6yN3mD0cB5xF7hJ9qW4eA2uZ8iO3kY6gM',
          userHandle: 'OWUyZGZhMWItMDIxYy00MzAzLTkyNDYtZDkwMWE1M2VlYmYw',
        },
      },
      device: { fingerprint: '3f6c1a9e-5b2d-4e8f-9a71-c04d2be81f35', signals: { timezone: 'Europe/London', locale: 'en-GB' }, label: 'MacBook Pro' },
    },
    response: {
      user: { id: ada, username: 'ada', email: 'ada@example.com', role: 'user', timezone: 'Europe/London', createdAt: at('2026-11-02T10:14:07.512Z') },
      token:
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzaWQiOiIxY2U2MjAwYS1mZTc2LTRmMGQtYTdjNS05ZDA0ZWMyNmFiYWIiLCJzdWIiOiI5ZTJkZmExYi0wMjFjLTQzMDMtOTI0Ni1kOTAxYTUzZWViZjAiLCJpc3MiOiJjYWxvcyIsImF1ZCI6ImNhbG9zIiwiaWF0IjoxNzk2NjQ0MDAwLCJleHAiOjE3OTY2NDc2MDB9.5rQ2cU1xH0m8y2kq7QyvG8mZr1b0pXo4s9JtVwA3eLc',
      expiresAt: at('2026-12-08T09:01:45.000Z'),
      session: { id: '1ce6200a-fe76-4f0d-a7c5-9d04ec26abab', createdAt: at('2026-12-08T08:01:45.002Z'), expiresAt: at('2027-01-07T08:01:45.002Z'), deviceId: 'cf94c502-c9a3-4a11-ad26-523c1451d264' },
      device: { id: 'cf94c502-c9a3-4a11-ad26-523c1451d264', trusted: true, isNew: false },
      alerts: [],
    },
  },
);

export const confirmDevice = examples(
  { input: s.confirmDeviceInput, output: s.confirmDeviceOutput },
  { request: { token: 'q5W1mZ8rT0vK3pX9bL2nC7yH4jF6dS0aG1eU8iO3wRk' }, response: { deviceId: 'f189e798-ab11-4bb0-a078-a392102accda', label: 'Pixel 9' } },
);
