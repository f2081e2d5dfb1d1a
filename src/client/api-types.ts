/**
 * Request and response types of every route, read off the OpenAPI document's generated `paths`
 * (nothing here is written by hand: a route's shape changes when the document does).
 */
import type { paths } from './openapi-types.js'

export type { paths }

/** A path of the API, as the document spells it (`/v1/records/{id}`). */
export type ApiPath = keyof paths

type Operation<P extends ApiPath, M extends keyof paths[P]> = paths[P][M]

/** The JSON body an operation takes. */
export type RequestBody<P extends ApiPath, M extends keyof paths[P]> =
  Operation<P, M> extends {
    requestBody?: infer RB
  }
    ? NonNullable<RB> extends { content: { 'application/json': infer B } }
      ? B
      : never
    : never

/** The query parameters an operation takes. */
export type QueryParams<P extends ApiPath, M extends keyof paths[P]> =
  Operation<P, M> extends {
    parameters: { query?: infer Q }
  }
    ? NonNullable<Q>
    : never

type SuccessStatus = 200 | 201 | 202

/** The success body of an operation (its 200, 201 or 202 answer). */
export type ResponseBody<P extends ApiPath, M extends keyof paths[P]> =
  Operation<P, M> extends {
    responses: infer R
  }
    ? {
        [S in keyof R & SuccessStatus]: R[S] extends { content: infer C }
          ? C extends { 'application/json': infer B }
            ? B
            : C[keyof C]
          : never
      }[keyof R & SuccessStatus]
    : never

/** One element of a list answer's `items`. */
export type ItemOf<P extends ApiPath, M extends keyof paths[P]> =
  ResponseBody<P, M> extends {
    items: (infer I)[]
  }
    ? I
    : never
