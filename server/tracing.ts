// OpenTelemetry traces, off unless CALOS_OTEL_ENDPOINT names an OTLP/HTTP collector (Jaeger, Tempo,
// the OpenTelemetry Collector …): one server span per HTTP request (method, route pattern, status,
// the user or API key that called) with a child span per SQL statement it ran (knex's query events:
// the statement with its parameters as placeholders, never their values), exported in batches.
// Nothing is patched: the request span is made current for the rest of the request with
// AsyncLocalStorage, so the queries the request awaits find it as their parent.
import { context, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import {
  ATTR_DB_QUERY_TEXT,
  ATTR_DB_SYSTEM_NAME,
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_SERVICE_NAME,
  ATTR_URL_PATH,
} from '@opentelemetry/semantic-conventions';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Knex } from 'knex';
import { routeLabel } from './metrics';

export interface TracingSettings {
  /** The collector's OTLP/HTTP base URL (spans go to `<endpoint>/v1/traces`); unset means off. */
  endpoint: string | undefined;
  serviceName: string;
}

/** What the request log tells tracing about a request's caller. */
export interface RequestTracing {
  noteCaller(req: FastifyRequest, attributes: Record<string, string>): void;
}

const OFF: RequestTracing = { noteCaller: () => undefined };
let contextManagerInstalled = false;

/** Traces this app's requests and their SQL when `settings.endpoint` is set; otherwise does nothing. */
export function registerTracing(app: FastifyInstance, knex: Knex, settings: TracingSettings, procedures: ReadonlySet<string>): RequestTracing {
  if (!settings.endpoint) return OFF;
  if (!contextManagerInstalled) {
    // Process-wide, once: the current span follows each request through its awaits.
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    contextManagerInstalled = true;
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${settings.endpoint.replace(/\/+$/, '')}/v1/traces` }))],
  });
  // This app's own provider, not the global one: several apps (tests, a second instance) each export theirs.
  const tracer = provider.getTracer('calos');
  const spans = new WeakMap<object, Span>();

  app.addHook('onRequest', (req, _reply, done) => {
    const route = routeLabel(req.url, req.routeOptions.url, 200, procedures);
    const span = tracer.startSpan(`${req.method} ${route}`, {
      kind: SpanKind.SERVER,
      attributes: { [ATTR_HTTP_REQUEST_METHOD]: req.method, [ATTR_HTTP_ROUTE]: route, [ATTR_URL_PATH]: req.url.split('?')[0]!, 'calos.request_id': req.id },
    });
    spans.set(req.raw, span);
    // The rest of the request runs inside this context, so its queries find the span.
    context.with(trace.setSpan(context.active(), span), done);
  });
  app.addHook('onResponse', async (req, reply) => {
    const span = spans.get(req.raw);
    if (!span) return;
    span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, reply.statusCode);
    if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR }).setAttribute(ATTR_ERROR_TYPE, String(reply.statusCode));
    span.end();
  });
  traceQueries(knex, tracer);
  app.addHook('onClose', async () => provider.shutdown());
  return { noteCaller: (req, attributes) => spans.get(req.raw)?.setAttributes(attributes) };
}

/** A child span per statement, under whatever span is current when knex runs it. */
function traceQueries(knex: Knex, tracer: Tracer): void {
  const open = new Map<string, Span>();
  knex.on('query', (query: { __knexQueryUid?: string; sql: string; method?: string }) => {
    const parent = trace.getSpan(context.active());
    if (!parent || !query.__knexQueryUid) return;
    const operation = (query.method ?? query.sql.trim().split(/\s+/)[0] ?? 'query').toUpperCase();
    const span = tracer.startSpan(
      `SQL ${operation}`,
      { kind: SpanKind.CLIENT, attributes: { [ATTR_DB_SYSTEM_NAME]: 'postgresql', [ATTR_DB_QUERY_TEXT]: query.sql } },
      trace.setSpan(context.active(), parent),
    );
    open.set(query.__knexQueryUid, span);
  });
  knex.on('query-response', (_response: unknown, query: { __knexQueryUid?: string }) => {
    const span = query.__knexQueryUid ? open.get(query.__knexQueryUid) : undefined;
    if (!span) return;
    open.delete(query.__knexQueryUid!);
    span.end();
  });
  knex.on('query-error', (error: Error & { code?: string }, query: { __knexQueryUid?: string }) => {
    const span = query.__knexQueryUid ? open.get(query.__knexQueryUid) : undefined;
    if (!span) return;
    open.delete(query.__knexQueryUid!);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error.code ?? error.name }).setAttribute(ATTR_ERROR_TYPE, error.code ?? error.name);
    span.end();
  });
}
