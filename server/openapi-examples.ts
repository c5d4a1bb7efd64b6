// Examples of the REST door's operations: each procedure names its own in `meta.examples` (written
// next to its router, in the module's examples.ts), and the OpenAPI document shows them as the
// example request (path and query parameters, body) and response. openapi-examples.test.ts fails
// when an operation lacks one, or when one no longer validates against the procedure's schemas.
import type { z } from 'zod';
import type { OperationObject, ParameterObject, RequestBodyObject, ResponseObject } from 'openapi3-ts/oas31';

export interface OperationExamples {
  /** The whole input, as a REST client sends it: path and query parameters and body together. */
  request?: Record<string, unknown>;
  /** The success answer (none for a 204), as the handler returns it: instants as Date. */
  response?: unknown;
}

/**
 * An operation's examples, typed by its input and output schemas (the ones its procedure names), so
 * the compiler checks their shape; the test checks them against the procedure itself.
 */
export function examples<I extends z.ZodType = z.ZodVoid, O extends z.ZodType = z.ZodVoid>(
  _schemas: { input?: I; output?: O },
  examples: { request?: NonNullable<z.input<I>>; response?: z.input<O> },
): OperationExamples {
  return examples as OperationExamples;
}

/** An instant in an example response: `at('2026-03-02T09:15:00Z')`. */
export const at = (iso: string): Date => new Date(iso);

/** A value as JSON carries it: Date as its ISO string, undefined properties gone. */
export const asJson = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));


/**
 * Writes an operation's examples into it: each path and query parameter's value as its example,
 * the rest of the request as the body's, and the response as the success answer's.
 */
export function applyExamples(operation: OperationObject, examples: OperationExamples): void {
  const request = asJson(examples.request) as Record<string, unknown> | undefined;
  const inParameters = new Set<string>();
  for (const parameter of (operation.parameters ?? []) as ParameterObject[]) {
    if (parameter.in !== 'path' && parameter.in !== 'query') continue;
    inParameters.add(parameter.name);
    if (request && request[parameter.name] !== undefined) parameter.example = request[parameter.name];
  }
  const requestBody = operation.requestBody as RequestBodyObject | undefined;
  if (request && requestBody?.content) {
    const body = Object.fromEntries(Object.entries(request).filter(([key]) => !inParameters.has(key)));
    for (const media of Object.values(requestBody.content)) media.example = body;
  }
  if (examples.response === undefined) return;
  for (const [status, response] of Object.entries((operation.responses ?? {}) as Record<string, ResponseObject>)) {
    if (!/^2\d\d$/.test(status) || !response.content) continue;
    for (const media of Object.values(response.content)) media.example = asJson(examples.response);
  }
}

/** Who and what the examples speak of, the same in every module's examples. */
export const exampleIds = {
  /** ada: a developer, and an administrator of this CalOS. */
  ada: '9e2dfa1b-021c-4303-9246-d901a53eebf0',
  /** grace: a player of ada's application. */
  grace: 'bc6ec56d-548b-401d-bc8e-e5ffa0767324',
  /** ada's application, "Chess puzzles", and its live API key. */
  application: '632ea499-5959-446e-9e26-f97f579c20e0',
  apiKey: '7a9dd3f4-f3f8-4494-ac49-efa7e9ec2845',
} as const;
