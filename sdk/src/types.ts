// Request and response types of every REST route, read off the generated OpenAPI types, so that an
// SDK method written against a route stops compiling when the route's input or output changes.
import type { components, paths } from './generated/openapi.js';

/** Every route the SDK may call. */
export type KnownPaths = paths;
export type Path = keyof KnownPaths & string;
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

type Defined<T> = Exclude<T, undefined>;
type JsonContent<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type Operation<P extends Path, M extends HttpMethod> = M extends keyof KnownPaths[P] ? Defined<KnownPaths[P][M]> : never;

/** The JSON body a route takes (undefined when it takes none). */
export type Body<P extends Path, M extends HttpMethod> =
  Operation<P, M> extends { requestBody: infer R }
    ? JsonContent<R>
    : Operation<P, M> extends { requestBody?: infer R }
      ? JsonContent<Defined<R>> | undefined
      : undefined;

/** The query string parameters a route takes (never when it takes none). */
export type Query<P extends Path, M extends HttpMethod> = Operation<P, M> extends { parameters: { query?: infer Q } } ? Defined<Q> : never;

/** The path parameters a route takes. */
export type PathParams<P extends Path, M extends HttpMethod> = Operation<P, M> extends { parameters: { path?: infer Q } } ? Defined<Q> : never;

/** What a route answers on success: the 200 or 201 body, or void for 204. */
export type Result<P extends Path, M extends HttpMethod> =
  Operation<P, M> extends { responses: infer R }
    ? 200 extends keyof R
      ? JsonContent<R[200]>
      : 201 extends keyof R
        ? JsonContent<R[201]>
        : void
    : never;

/** One element of a list answer `{items: [...]}`. */
export type Item<T> = T extends { items: (infer I)[] } ? I : never;

/** The error codes of the contract (VALIDATION_FAILED, FORBIDDEN, COOLDOWN …). */
export type ErrorCode = components['schemas']['Error']['error']['code'];
