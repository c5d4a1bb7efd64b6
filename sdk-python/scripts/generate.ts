// Writes the Python SDK's generated half from the router's OpenAPI document (the one GET
// /api/openapi.json serves), so that every REST operation has a typed method in both SDKs:
//   src/calos/_types.py            TypedDicts for every body, query and answer
//   src/calos/_resources.py        one class per resource (the operationId's prefix), synchronous
//   src/calos/_async_resources.py  the same, awaitable
//   src/calos/_operations.py       the table of operations (for the parity test and raw access)
// A method's parameters: path parameters first, then the body's required fields in the schema's order
// (or the order an entry of SIGNATURES gives), all positional; optional body fields and query
// parameters keyword-only, in snake_case, sent under their wire names.
//   npm run sdk:generate            (writes the JavaScript and the Python files)
//   npm run sdk:generate -- --check (exit 1 when a committed file is out of date)
import fs from 'node:fs';
import path from 'node:path';

export const pythonPackageDir = path.resolve(import.meta.dirname, '../src/calos');

type Schema = Record<string, any>;
interface Param {
  wire: string;
  py: string;
  type: string;
  required: boolean;
  nullable: boolean;
  where: 'path' | 'query' | 'body';
  description?: string;
}
interface Op {
  id: string;
  method: string;
  path: string;
  resource: string;
  name: string;
  summary: string;
  params: Param[];
  /** The body is not an object with properties: the caller passes it whole. */
  wholeBody?: { type: string; required: boolean };
  /** The body is bytes of one of these media types (an image upload), not JSON. */
  rawBody?: string[];
  idempotent: boolean;
  result: string;
  /** 'adopt' keeps the returned session token; 'forget' drops it. */
  token?: 'adopt' | 'forget';
}

/**
 * Where the JavaScript SDK's signature differs from the schema's order: the same positional
 * parameters, so `actions.execute(user_id, code, params)` reads as `actions.execute(userId, code, params)`.
 */
const SIGNATURES: Record<string, string[]> = {
  'actions-execute': ['userId', 'actionCode', 'params'],
  'actions-check': ['userId', 'code'],
  'auth-login': ['login', 'password'],
};
/**
 * Where an operation sits elsewhere than `<router>.<procedure>`: the JavaScript SDK's resource and
 * method, so both SDKs read alike (`calos.apps.createKey` / `client.apps.create_key`).
 */
export const PLACES: Record<string, [resource: string, method: string]> = {
  'developer-createApplication': ['apps', 'create'],
  'developer-applications': ['apps', 'list'],
  'developer-application': ['apps', 'get'],
  'developer-updateApplication': ['apps', 'update'],
  'developer-deleteApplication': ['apps', 'delete'],
  'developer-createKey': ['apps', 'createKey'],
  'developer-keys': ['apps', 'keys'],
  'developer-revokeKey': ['apps', 'revokeKey'],
  'developer-testData': ['apps', 'testData'],
  'developer-whoami': ['keys', 'me'],
  'developer-scopes': ['keys', 'scopes'],
  'usage-summary': ['usage', 'get'],
  'schedules-list': ['schedule', 'list'],
  'schedules-check': ['schedule', 'check'],
  'schedules-exception': ['schedule', 'createException'],
  'progress-summary': ['skills', 'progress'],
  'skills-awardXp': ['skills', 'awardXP'],
  'developer-createPublishableKey': ['apps', 'createPublishableKey'],
  'developer-publishableKeys': ['apps', 'publishableKeys'],
  'developer-updatePublishableKey': ['apps', 'updatePublishableKey'],
  'developer-revokePublishableKey': ['apps', 'revokePublishableKey'],
  'iiif-uploadImage': ['iiif', 'upload'],
  'iiif-createAnnotation': ['iiif', 'annotate'],
};

/** The JavaScript SDK's resource and method name for an operation. */
export function placeOf(operationId: string): { resource: string; method: string } {
  const place = PLACES[operationId];
  if (place) return { resource: place[0], method: place[1] };
  const dash = operationId.indexOf('-');
  return dash > 0 ? { resource: operationId.slice(0, dash), method: operationId.slice(dash + 1) } : { resource: 'system', method: operationId };
}

const TOKEN: Record<string, 'adopt' | 'forget'> = {
  'auth-login': 'adopt',
  'auth-register': 'adopt',
  'auth-refresh': 'adopt',
  'auth-logout': 'forget',
};

const PY_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield self'.split(' '),
);

export const snake = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
const pyName = (wire: string) => {
  let name = snake(wire) || 'value';
  if (/^\d/.test(name)) name = `_${name}`;
  return PY_KEYWORDS.has(name) ? `${name}_` : name;
};
const pascal = (name: string) =>
  snake(name)
    .split('_')
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
const pyString = (value: string) => JSON.stringify(value);
/** A JSON scalar as a Python literal. */
const pyLiteral = (value: unknown) => (value === true ? 'True' : value === false ? 'False' : value === null ? 'None' : JSON.stringify(value));

class TypeWriter {
  readonly lines: string[] = [];
  private readonly names = new Set<string>();
  constructor(private readonly document: Schema) {}

  private unique(name: string): string {
    let candidate = name;
    for (let i = 2; this.names.has(candidate); i++) candidate = `${name}${i}`;
    this.names.add(candidate);
    return candidate;
  }

  /** The Python annotation of a schema; object schemas with properties become TypedDicts named `name`. */
  annotation(schema: Schema | undefined, name: string): string {
    if (!schema || (schema as unknown) === true) return 'Any';
    if (schema.$ref) return this.annotation(this.resolve(schema.$ref), name);
    if (schema.const !== undefined) return schema.const === null ? 'None' : `Literal[${pyLiteral(schema.const)}]`;
    if (Array.isArray(schema.enum)) {
      const values = schema.enum.filter((v: unknown) => v !== null).map(pyLiteral);
      const literal = values.length ? `Literal[${values.join(', ')}]` : 'None';
      return schema.enum.includes(null) ? `Optional[${literal}]` : literal;
    }
    const variants = schema.anyOf ?? schema.oneOf;
    if (Array.isArray(variants)) {
      const parts = unique(variants.map((v: Schema, i: number) => this.annotation(v, variants.length > 1 ? `${name}${i + 1}` : name)));
      return union(parts);
    }
    if (Array.isArray(schema.allOf) && schema.allOf.length === 1) return this.annotation(schema.allOf[0], name);
    const types: string[] = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
    if (types.length > 1) return union(unique(types.map((t) => this.annotation({ ...schema, type: t }, name))));
    switch (types[0]) {
      case 'string':
        return 'str';
      case 'integer':
        return 'int';
      case 'number':
        return 'float';
      case 'boolean':
        return 'bool';
      case 'null':
        return 'None';
      case 'array':
        return `List[${this.annotation(schema.items, `${name}Item`)}]`;
      case 'object':
      case undefined: {
        const properties: Record<string, Schema> = schema.properties ?? {};
        if (Object.keys(properties).length === 0) {
          const values = schema.additionalProperties;
          return `Dict[str, ${values && values !== true ? this.annotation(values, `${name}Value`) : 'Any'}]`;
        }
        return this.typedDict(name, properties, new Set(schema.required ?? []), schema.description);
      }
      default:
        return 'Any';
    }
  }

  private resolve(ref: string): Schema {
    return ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((node: any, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], this.document);
  }

  private typedDict(wanted: string, properties: Record<string, Schema>, required: Set<string>, description?: string): string {
    const name = this.unique(wanted);
    const fields = Object.entries(properties).map(([key, value]) => [key, this.annotation(value, `${name}${pascal(key)}`)] as const);
    const entries = (list: (readonly [string, string])[]) => list.map(([key, type]) => `${pyString(key)}: ${type}`).join(', ');
    const doc = description ? `# ${description.split('\n')[0]!.slice(0, 110)}\n` : '';
    const must = fields.filter(([key]) => required.has(key));
    const may = fields.filter(([key]) => !required.has(key));
    if (must.length === 0 || may.length === 0) {
      this.lines.push(`${doc}${name} = TypedDict(${pyString(name)}, {${entries(fields)}}${must.length ? '' : ', total=False'})`, '');
    } else if (may.every(([key]) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) && !PY_KEYWORDS.has(key))) {
      // Python 3.9 has no NotRequired: the required keys in a base, the optional ones in a total=False subclass
      // (a class statement, which only takes keys that are identifiers).
      this.lines.push(
        `${doc}_${name}Required = TypedDict(${pyString(`_${name}Required`)}, {${entries(must)}})`,
        '',
        `class ${name}(_${name}Required, total=False):`,
        ...may.map(([key, type]) => `    ${key}: ${type}`),
        '',
      );
    } else {
      this.lines.push(`${doc}${name} = TypedDict(${pyString(name)}, {${entries(fields)}}, total=False)`, '');
    }
    return name;
  }
}

const unique = (values: string[]) => [...new Set(values)];
function union(parts: string[]): string {
  const withoutNone = parts.filter((p) => p !== 'None');
  const inner = withoutNone.length === 1 ? withoutNone[0]! : `Union[${withoutNone.join(', ')}]`;
  if (withoutNone.length === 0) return 'None';
  return parts.includes('None') ? `Optional[${inner}]` : inner;
}
const allowsNull = (schema: Schema | undefined): boolean =>
  !!schema &&
  (schema.type === 'null' ||
    (Array.isArray(schema.type) && schema.type.includes('null')) ||
    (Array.isArray(schema.enum) && schema.enum.includes(null)) ||
    (Array.isArray(schema.anyOf ?? schema.oneOf) && (schema.anyOf ?? schema.oneOf).some(allowsNull)));

function readOperations(document: Schema, types: TypeWriter): Op[] {
  const ops: Op[] = [];
  for (const [route, methods] of Object.entries<Schema>(document.paths ?? {})) {
    for (const [method, op] of Object.entries<Schema>(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const id: string = op.operationId;
      const place = placeOf(id);
      const base = pascal(id);
      const params: Param[] = [];
      for (const p of op.parameters ?? []) {
        if (p.in !== 'path' && p.in !== 'query') continue;
        params.push({
          wire: p.name,
          py: pyName(p.name),
          type: types.annotation(p.schema, `${base}${pascal(p.name)}`),
          required: p.in === 'path' || Boolean(p.required),
          nullable: false,
          where: p.in,
          description: p.description ?? p.schema?.description,
        });
      }
      const bodySchema: Schema | undefined = op.requestBody?.content?.['application/json']?.schema;
      const mediaTypes = Object.keys(op.requestBody?.content ?? {});
      const rawBody = !bodySchema && mediaTypes.length ? mediaTypes : undefined;
      let wholeBody: Op['wholeBody'];
      if (bodySchema) {
        const properties: Record<string, Schema> = bodySchema.properties ?? {};
        if (Object.keys(properties).length || bodySchema.type === 'object') {
          const required = new Set<string>(bodySchema.required ?? []);
          for (const [key, value] of Object.entries(properties)) {
            params.push({
              wire: key,
              py: pyName(key),
              type: types.annotation(value, `${base}${pascal(key)}`),
              required: required.has(key),
              nullable: allowsNull(value),
              where: 'body',
              description: value.description,
            });
          }
        } else {
          wholeBody = { type: types.annotation(bodySchema, `${base}Body`), required: Boolean(op.requestBody?.required) };
        }
      }
      const names = new Set<string>();
      for (const p of params) {
        if (names.has(p.py)) throw new Error(`${id}: two parameters are called ${p.py} in Python`);
        names.add(p.py);
      }
      const success = Object.keys(op.responses ?? {}).find((s) => /^2\d\d$/.test(s));
      const resultSchema = success ? op.responses[success]?.content?.['application/json']?.schema : undefined;
      ops.push({
        id,
        method: method.toUpperCase(),
        path: route,
        resource: place.resource,
        name: pyName(place.method),
        summary: op.summary ?? '',
        params,
        wholeBody,
        rawBody,
        idempotent: (op.parameters ?? []).some((p: Schema) => p.in === 'header' && String(p.name).toLowerCase() === 'idempotency-key'),
        result: resultSchema ? types.annotation(resultSchema, `${base}Result`) : 'None',
        token: TOKEN[id],
      });
    }
  }
  return ops;
}

/** Positional parameters (each with whether it needs a default) and keyword-only ones. */
function ordered(op: Op): { positional: { param: Param; defaulted: boolean }[]; keyword: Param[] } {
  const override = SIGNATURES[op.id];
  const pathParams = op.params.filter((p) => p.where === 'path');
  let list: Param[];
  if (override) {
    const named = override.map((wire) => op.params.find((p) => p.wire === wire));
    if (named.some((p) => !p)) throw new Error(`${op.id}: SIGNATURES names a parameter the operation does not have`);
    list = [...pathParams.filter((p) => !override.includes(p.wire)), ...(named as Param[])];
  } else {
    list = [...pathParams, ...op.params.filter((p) => p.where !== 'path' && p.required)];
  }
  // Up to the last required one, every positional parameter must be passed (None where it may be left
  // out, as `actions.execute(None, code)` acts for the signed-in user); after it they have defaults.
  let lastRequired = -1;
  list.forEach((p, i) => {
    if (p.required) lastRequired = i;
  });
  return {
    positional: list.map((param, i) => ({ param, defaulted: i > lastRequired })),
    keyword: op.params.filter((p) => !list.includes(p)),
  };
}

function method(op: Op, isAsync: boolean): string[] {
  const { positional, keyword } = ordered(op);
  const sig: string[] = ['self'];
  for (const { param: p, defaulted } of positional) {
    const type = p.required || p.nullable ? p.type : `Optional[${p.type}]`;
    sig.push(defaulted ? `${p.py}: ${type} = UNSET` : `${p.py}: ${type}`);
  }
  if (op.wholeBody) sig.push(op.wholeBody.required ? `body: ${op.wholeBody.type}` : `body: Optional[${op.wholeBody.type}] = UNSET`);
  if (op.rawBody) sig.push('data: bytes', `content_type: Literal[${op.rawBody.map(pyString).join(', ')}]`);
  sig.push('*');
  for (const p of keyword) sig.push(`${p.py}: ${p.nullable ? p.type : `Optional[${p.type}]`} = UNSET`);
  sig.push('options: Optional[RequestOptions] = None');
  const pick = (where: Param['where']) => op.params.filter((p) => p.where === where);
  const dict = (list: Param[]) => `{${list.map((p) => `${pyString(p.wire)}: ${p.py}`).join(', ')}}`;
  const nullable = pick('body').filter((p) => p.nullable).map((p) => pyString(p.wire));
  const args = [pyString(op.method), pyString(op.path)];
  if (pick('path').length) args.push(`path=${dict(pick('path'))}`);
  if (pick('query').length) args.push(`query=${dict(pick('query'))}`);
  if (op.wholeBody) args.push('body=body');
  if (op.rawBody) args.push('raw=(data, content_type)');
  else if (pick('body').length) args.push(`body=${dict(pick('body'))}`);
  if (nullable.length) args.push(`nullable=(${nullable.join(', ')},)`);
  if (op.idempotent) args.push('idempotent=True');
  if (op.token) args.push(`token=${pyString(op.token)}`);
  args.push('options=options');
  const doc = [op.summary || op.id, '', `${op.method} /api${op.path} (operation \`${op.id}\`).`];
  if (op.idempotent) doc.push('Retried safely: one Idempotency-Key is sent with every attempt.');
  return [
    `    ${isAsync ? 'async ' : ''}def ${op.name}(${sig.join(', ')}) -> ${op.result}:`,
    `        """${doc.map((line) => (line ? `        ${line}` : '')).join('\n').trimStart().replace(/"""/g, "'''").replace(/\\/g, '\\\\')}"""`,
    `        return cast(${pyString(op.result)}, ${isAsync ? 'await ' : ''}self._transport.request(${args.join(', ')}))`,
    '',
  ];
}

const GENERATED = '# GENERATED by sdk-python/scripts/generate.ts from the router\'s OpenAPI document. Do not edit by hand:\n# change the route, then run `npm run sdk:generate`.';

function resourcesFile(ops: Op[], isAsync: boolean): string {
  const byResource = new Map<string, Op[]>();
  for (const op of ops) byResource.set(op.resource, [...(byResource.get(op.resource) ?? []), op]);
  const transport = isAsync ? 'AsyncTransport' : 'Transport';
  const lines = [
    GENERATED,
    `"""${isAsync ? 'Awaitable' : 'Synchronous'} resources: one class per part of the REST API, one method per operation."""`,
    'from typing import Any, Dict, List, Literal, Optional, Union, cast',
    '',
    `from ._transport import ${transport}, RequestOptions, UNSET`,
    'from ._types import *  # noqa: F401,F403',
    '',
    '',
  ];
  const resourceNames = [...byResource.keys()].sort();
  for (const resource of resourceNames) {
    lines.push(`class ${isAsync ? 'Async' : ''}${pascal(resource)}Resource:`, `    """/api: operations of \`${resource}\`."""`, '');
    lines.push(`    def __init__(self, transport: ${transport}) -> None:`, '        self._transport = transport', '');
    for (const op of byResource.get(resource)!) lines.push(...method(op, isAsync));
    lines.push('');
  }
  lines.push(`class ${isAsync ? 'Async' : ''}Resources:`, '    """Every resource, as attributes of the client."""', '');
  lines.push(`    def __init__(self, transport: ${transport}) -> None:`);
  for (const resource of resourceNames) lines.push(`        self.${pyName(resource)} = ${isAsync ? 'Async' : ''}${pascal(resource)}Resource(transport)`);
  lines.push('');
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n\n').trimEnd()}\n`;
}

function operationsFile(ops: Op[]): string {
  const rows = ops.map((op) => `    Operation(${[op.id, op.method, op.path, pyName(op.resource), op.name].map(pyString).join(', ')}, ${op.idempotent ? 'True' : 'False'}),`);
  return `${GENERATED}
"""Every REST operation of the OpenAPI document, and the method that reaches it: \`client.<resource>.<method>\`."""
from typing import NamedTuple, Tuple


class Operation(NamedTuple):
    operation_id: str
    method: str
    path: str
    resource: str
    name: str
    idempotent: bool


OPERATIONS: Tuple[Operation, ...] = (
${rows.join('\n')}
)
`;
}

/** The four generated files, keyed by their path. */
export function generatePython(document: Schema): Record<string, string> {
  const types = new TypeWriter(document);
  const ops = readOperations(document, types);
  const typesFile = `${GENERATED}
"""The JSON shapes of every body, query and answer, as TypedDicts (keys are the wire names)."""
from typing import Any, Dict, List, Literal, Optional, TypedDict, Union

${types.lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}
`;
  return {
    [path.join(pythonPackageDir, '_types.py')]: typesFile,
    [path.join(pythonPackageDir, '_resources.py')]: resourcesFile(ops, false),
    [path.join(pythonPackageDir, '_async_resources.py')]: resourcesFile(ops, true),
    [path.join(pythonPackageDir, '_operations.py')]: operationsFile(ops),
  };
}
