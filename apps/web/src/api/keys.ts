import type { HubRouter } from "@bangban/api";
import type {
  AnyTRPCProcedure,
  AnyTRPCQueryProcedure,
  inferProcedureInput,
  inferTransformedProcedureOutput,
} from "@trpc/server";

/**
 * Query keys derived from the hub's router, so a key names a query procedure that exists and
 * carries that procedure's input: `["cases.list", { scope: "mine" }]`. The dotted path comes
 * first, so a key is a prefix of every key with more in it and invalidating `["cases.list"]`
 * (or `admin.catalog.get` of one code) reaches all of them.
 */

type RecordOf<R> = R extends { _def: { record: infer Rec } } ? Rec : never;

/** Every query procedure of a router record, as `{ path, proc }`, the path dotted. */
type QueryEntries<Rec, Prefix extends string = ""> = {
  [K in keyof Rec & string]: Rec[K] extends AnyTRPCQueryProcedure
    ? { path: `${Prefix}${K}`; proc: Rec[K] }
    : Rec[K] extends AnyTRPCProcedure
      ? never // mutations and subscriptions are not cached
      : QueryEntries<Rec[K], `${Prefix}${K}.`>;
}[keyof Rec & string];

type Entry = QueryEntries<RecordOf<HubRouter>>;

/** The dotted path of a query procedure of the hub's router (a station's are a subset). */
export type QueryPath = Entry["path"];
type ProcedureAt<P extends QueryPath> = Extract<Entry, { path: P }>["proc"];

/** What the procedure at `P` takes (void when it takes nothing). */
export type QueryInput<P extends QueryPath> = inferProcedureInput<ProcedureAt<P>>;
/** What the procedure at `P` answers, as the client receives it. */
export type QueryOutput<P extends QueryPath> = inferTransformedProcedureOutput<
  HubRouter,
  ProcedureAt<P>
>;

/** The input may be left out when the procedure takes none, or none is required. */
export type InputArg<P extends QueryPath> =
  undefined extends QueryInput<P> ? [input?: QueryInput<P>] : [input: QueryInput<P>];

/** A query's key: its path, then its input when it has one. */
export type QueryKeyOf<P extends QueryPath> = readonly [P] | readonly [P, QueryInput<P>];

/** Parts of an input, for matching every query whose input has them (nested objects too). */
export type PartialInput<T> = T extends object ? { [K in keyof T]?: PartialInput<T[K]> } : T;

/** The key of one query procedure called with one input. */
export function queryKey<P extends QueryPath>(path: P, ...input: InputArg<P>): QueryKeyOf<P> {
  const [i] = input;
  return i === undefined ? ([path] as const) : ([path, i] as const);
}

/**
 * A filter for invalidating (or refetching, removing) every cached call of a procedure, or
 * only those whose input has the given parts: `pathFilter("admin.catalog.get", { code })`
 * reaches that item at every version. TanStack matches object parts of a key partially.
 */
export function pathFilter<P extends QueryPath>(
  path: P,
  input?: PartialInput<Exclude<QueryInput<P>, void>>,
): { queryKey: readonly [P] | readonly [P, PartialInput<Exclude<QueryInput<P>, void>>] } {
  return { queryKey: input === undefined ? ([path] as const) : ([path, input] as const) };
}

/** Keys of what is not a tRPC procedure: the node's plain `/healthz` route. */
export const HEALTH_KEY = ["healthz"] as const;
