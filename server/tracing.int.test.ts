// OpenTelemetry traces (CALOS_OTEL_ENDPOINT), received by a local server that speaks OTLP/HTTP (JSON),
// as a collector would: a server span per request with its route, status and caller, and a child span
// per SQL statement of that request, in the same trace; nothing is sent when the setting is off.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './testing/harness';
import { signUp } from './testing/factories';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Array<{ key: string; value: { stringValue?: string; intValue?: string | number } }>;
}

let collector: http.Server;
let endpoint: string;
const received: Array<{ path: string; contentType: string | undefined; service: string | undefined; spans: OtlpSpan[] }> = [];

beforeAll(async () => {
  collector = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const parsed = JSON.parse(body) as {
        resourceSpans: Array<{ resource: { attributes: OtlpSpan['attributes'] }; scopeSpans: Array<{ spans: OtlpSpan[] }> }>;
      };
      for (const rs of parsed.resourceSpans) {
        received.push({
          path: req.url!,
          contentType: req.headers['content-type'],
          service: rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue,
          spans: rs.scopeSpans.flatMap((s) => s.spans),
        });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => collector.close(resolve));
});

const attr = (span: OtlpSpan, key: string) => {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return value?.stringValue ?? (value?.intValue === undefined ? undefined : Number(value.intValue));
};

describe('tracing', () => {
  it('exports a span per request with a child span per SQL statement, in one trace', async () => {
    const t: TestApp = await createTestApp({ CALOS_OTEL_ENDPOINT: endpoint, OTEL_SERVICE_NAME: 'calos-test' });
    const user = await signUp(t);
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { authorization: `Bearer ${user.token}` } });
    expect(res.statusCode).toBe(200);
    await t.close(); // flushes the batch
    const spans = received.flatMap((r) => r.spans);
    expect(received.every((r) => r.path === '/v1/traces' && r.contentType?.startsWith('application/json') && r.service === 'calos-test')).toBe(true);
    const server = spans.find((s) => attr(s, 'calos.request_id') === res.headers['x-request-id'])!;
    expect(server).toBeDefined();
    expect(server.name).toBe('GET /api/auth/session');
    expect(server.kind).toBe(2); // SERVER
    expect([attr(server, 'http.route'), attr(server, 'http.response.status_code'), attr(server, 'enduser.id')]).toEqual(['/api/auth/session', 200, user.userId]);
    const queries = spans.filter((s) => s.parentSpanId === server.spanId);
    expect(queries.length).toBeGreaterThan(0);
    for (const q of queries) {
      expect(q.traceId).toBe(server.traceId);
      expect(q.kind).toBe(3); // CLIENT
      expect(String(attr(q, 'db.query.text'))).toMatch(/select|insert|update|with/i);
      expect(String(attr(q, 'db.query.text'))).not.toContain(user.userId); // parameters, never values
    }
  });

  it('sends nothing when CALOS_OTEL_ENDPOINT is not set', async () => {
    const before = received.length;
    const t = await createTestApp();
    await t.app.inject({ method: 'GET', url: '/api/skills' });
    await t.close();
    expect(received.length).toBe(before);
  });
});
