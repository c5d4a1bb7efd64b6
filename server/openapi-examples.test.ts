// Every operation of the REST door is documented: a description of its own, an example request
// (when it takes parameters or a body) and an example response (unless it answers 204), and each
// example validates against the procedure's own input and output schemas, so none can rot.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { OperationObject, ParameterObject, RequestBodyObject, ResponseObject } from 'openapi3-ts/oas31';
import { appRouter } from './router';
import { loadConfig } from './config';
import { buildOpenApiDocument } from './openapi';
import { asJson } from './openapi-examples';
import type { Meta } from './trpc';
import { errorCodes, type ErrorCode } from './errors';

interface Procedure {
  _def: { meta?: Meta; inputs: z.ZodType[]; output?: z.ZodType };
}

const document = buildOpenApiDocument(appRouter, loadConfig({ LOG_LEVEL: 'silent' }));
const operations = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>)
  .filter(([, procedure]) => procedure._def.meta?.openapi)
  .map(([name, procedure]) => {
    const meta = procedure._def.meta!;
    const route = `${meta.openapi!.method} ${meta.openapi!.path}`;
    const operation = document.paths![meta.openapi!.path]![meta.openapi!.method.toLowerCase() as 'get'] as OperationObject;
    return { name, route, meta, procedure: procedure._def, operation };
  });

/** Path and query parameters, not the headers (Idempotency-Key) the document adds. */
const parametersOf = (operation: OperationObject) =>
  ((operation.parameters ?? []) as ParameterObject[]).filter((p) => p.in === 'path' || p.in === 'query');

/** The JSON body's schema, when the operation takes one with any field. */
const bodyOf = (operation: OperationObject) => {
  const media = (operation.requestBody as RequestBodyObject | undefined)?.content['application/json'];
  const properties = (media?.schema as { properties?: object } | undefined)?.properties;
  return media && properties && Object.keys(properties).length > 0 ? media : undefined;
};

const issuesOf = (error: z.ZodError) => error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');

describe('the OpenAPI document', () => {
  it('covers every procedure of the REST door', () => {
    expect(operations.length).toBeGreaterThan(70);
  });

  it.each(operations)('$route ($name) has a description of its own', ({ meta }) => {
    expect(meta.openapi!.description?.trim(), 'meta.openapi.description').toMatch(/\S{3}/);
  });

  it.each(operations)('$route ($name) has examples that validate against its schemas', ({ meta, procedure, operation }) => {
    const examples = meta.examples ?? {};
    const takesInput = parametersOf(operation).length > 0 || bodyOf(operation) !== undefined;
    if (takesInput) expect(examples.request, 'meta.examples.request').toBeDefined();
    if (examples.request !== undefined) {
      expect(procedure.inputs).toHaveLength(1);
      // As a REST client sends it: JSON, instants as strings.
      const parsed = procedure.inputs[0]!.safeParse(asJson(examples.request));
      expect(parsed.success, parsed.error && `request: ${issuesOf(parsed.error)}`).toBe(true);
    }

    if (meta.successStatus === 204) {
      expect(examples.response, 'a 204 has no body to show').toBeUndefined();
      return;
    }
    expect(examples.response, 'meta.examples.response').toBeDefined();
    const parsed = procedure.output!.safeParse(examples.response);
    expect(parsed.success, parsed.error && `response: ${issuesOf(parsed.error)}`).toBe(true);
    // Nothing the output schema would strip or change: the example is what the route answers.
    expect(asJson(parsed.data), 'response as the route would send it').toEqual(asJson(examples.response));
  });

  it.each(operations)('$route ($name) shows its examples', ({ meta, operation }) => {
    const request = asJson(meta.examples?.request) as Record<string, unknown> | undefined;
    const parameters = parametersOf(operation);
    for (const parameter of parameters) {
      if (parameter.required || request?.[parameter.name] !== undefined) {
        expect(parameter.example, `parameter ${parameter.name}`).toEqual(request?.[parameter.name]);
      }
    }
    const body = bodyOf(operation);
    if (body) {
      const names = new Set(parameters.map((p) => p.name));
      expect(body.example).toEqual(Object.fromEntries(Object.entries(request ?? {}).filter(([key]) => !names.has(key))));
    }
    const [status, success] = Object.entries(operation.responses as Record<string, ResponseObject>).find(([s]) => s.startsWith('2'))!;
    if (status === '204') expect(success.content).toBeUndefined();
    else expect(success.content!['application/json']!.example).toEqual(asJson(meta.examples!.response));
  });
});

describe('error answers in the document', () => {
  it.each(operations)('$route ($name) shows an example of each error it may answer, in the contract’s shape', ({ operation }) => {
    for (const [status, response] of Object.entries(operation.responses as Record<string, ResponseObject>)) {
      if (Number(status) < 400) continue;
      const examples = Object.values(response.content!['application/json']!.examples ?? {}) as Array<{ value: { error: { code: ErrorCode; message: string; details: object } } }>;
      expect(examples.length, status).toBeGreaterThan(0);
      for (const { value } of examples) {
        expect(errorCodes[value.error.code].status, `${status} ${value.error.code}`).toBe(Number(status));
        expect(value.error).toEqual({ code: value.error.code, message: expect.any(String), details: expect.any(Object), requestId: expect.any(String) });
      }
    }
  });
});
