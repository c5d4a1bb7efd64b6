// The log's two faces: JSON for collectors, one readable line per entry for a person at a terminal,
// and the same redaction in both.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { chooseLogFormat, createLogger, type LogFormat } from './logging';

function capture(format: LogFormat) {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const log = createLogger('info', stream, format);
  return { log, text: () => chunks.join('') };
}

describe('chooseLogFormat', () => {
  const terminal = { isTTY: true, env: {} };

  it('is pretty for a person at a terminal, JSON when the output is a pipe or a file', () => {
    expect(chooseLogFormat('auto', terminal)).toBe('pretty');
    expect(chooseLogFormat('auto', { isTTY: false, env: {} })).toBe('json');
    expect(chooseLogFormat('auto', { isTTY: undefined, env: {} })).toBe('json');
  });

  it('is JSON under CI and in production, even at a terminal', () => {
    for (const CI of ['true', '1', 'github']) expect(chooseLogFormat('auto', { isTTY: true, env: { CI } }), CI).toBe('json');
    for (const CI of ['', 'false', '0']) expect(chooseLogFormat('auto', { isTTY: true, env: { CI } }), CI).toBe('pretty');
    expect(chooseLogFormat('auto', { isTTY: true, env: { NODE_ENV: 'production' } })).toBe('json');
  });

  it('does what CALOS_LOG_FORMAT asks, whatever the output', () => {
    expect(chooseLogFormat('json', terminal)).toBe('json');
    expect(chooseLogFormat('pretty', { isTTY: false, env: { CI: 'true', NODE_ENV: 'production' } })).toBe('pretty');
  });

  it('reads CALOS_LOG_FORMAT, auto by default, and refuses other values', () => {
    expect(loadConfig({}).logFormat).toBe('auto');
    expect(loadConfig({ CALOS_LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(() => loadConfig({ CALOS_LOG_FORMAT: 'yaml' })).toThrow(/CALOS_LOG_FORMAT/);
  });
});

describe('createLogger', () => {
  it('writes one JSON object per line by default', () => {
    const { log, text } = capture('json');
    log.info({ signal: 'SIGTERM' }, 'shutting down');
    const entry = JSON.parse(text().trim());
    expect(entry).toMatchObject({ level: 30, msg: 'shutting down', signal: 'SIGTERM' });
  });

  it('writes a request as one readable line: message, method, path, status, time and request id', () => {
    const { log, text } = capture('pretty');
    const reqId = '1f2e3d4c-0000-4000-8000-000000000000';
    log.info({ reqId, req: { method: 'GET', url: '/api/skills?cursor=abc', ip: '127.0.0.1', headers: {} } }, 'incoming request');
    log.info({ reqId, route: '/api/skills', userId: '5a1b2c3d-0000-4000-8000-000000000000', res: { statusCode: 200 }, responseTime: 4.4 }, 'request completed');
    const lines = text().trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO.*: incoming request GET \/api\/skills \(req 1f2e3d4c\)$/);
    expect(lines[1]).toMatch(/INFO.*: request completed 200 4 ms user 5a1b2c3d \(req 1f2e3d4c\)$/);
    expect(text()).not.toContain('{');
    // Not a terminal, so no colour codes.
    expect(text()).not.toContain('\u001b[');
  });

  it('keeps other fields on the line, and redacts secrets and reduces errors as the JSON log does', () => {
    const { log, text } = capture('pretty');
    log.info({ signal: 'SIGTERM' }, 'shutting down');
    log.warn({ body: { password: 'hunter2-secret', token: 'tok-secret' } }, 'odd body');
    log.error({ err: Object.assign(new Error('relation "x" does not exist: select * from x'), { code: '42P01', severity: 'ERROR' }) }, 'procedure failed');
    const out = text();
    expect(out).toMatch(/INFO.*: shutting down \{"signal":"SIGTERM"\}/);
    expect(out).toMatch(/WARN.*: odd body/);
    expect(out).not.toContain('hunter2-secret');
    expect(out).not.toContain('tok-secret');
    expect(out).toMatch(/ERROR.*: procedure failed/);
    expect(out).toContain('42P01');
    expect(out).not.toContain('select * from x');
  });
});
