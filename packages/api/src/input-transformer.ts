/**
 * The wire format of procedure inputs: superjson, keeping an own key
 * `"__proto__"`. JSON.parse gives such a key as an ordinary own property, but
 * superjson's deserialize copies objects by assignment, and assigning
 * `"__proto__"` sets the copy's prototype (or, for a primitive, nothing): the
 * key vanished before the input schemas saw it, so a data-entry save of
 * `{ "__proto__": "5" }` answered success having written nothing. Put back
 * as an own data property (never as a prototype), the key meets the schemas
 * like any other unknown key: the data-entry form refuses it as an unknown
 * data element, a strict object as an unknown key, a plain object drops it.
 */
import superjson from "superjson";
import type { SuperJSONResult } from "superjson";

const PROTO = "__proto__";

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/** Gives `out` (superjson's copy of `raw`) back each own `"__proto__"` key of `raw`, at any depth. */
function restoreProtoKeys(raw: unknown, out: unknown): void {
  if (Array.isArray(raw)) {
    if (Array.isArray(out)) raw.forEach((item, i) => restoreProtoKeys(item, out[i]));
    return;
  }
  if (!isPlainObject(raw) || !isPlainObject(out)) return;
  for (const key of Object.keys(raw)) {
    if (key === PROTO) Object.defineProperty(out, PROTO, { value: raw[key], enumerable: true, writable: true, configurable: true });
    else restoreProtoKeys(raw[key], out[key]);
  }
}

/** superjson's deserialize of an input as tRPC received it (`{ json, meta? }`), own `"__proto__"` keys kept. */
export function deserializeInput(payload: unknown): unknown {
  const out = superjson.deserialize(payload as SuperJSONResult);
  if (isPlainObject(payload)) restoreProtoKeys(payload.json, out);
  return out;
}

/** tRPC's transformer: superjson both ways, inputs read with {@link deserializeInput}. */
export const wireTransformer = {
  input: { serialize: (v: unknown) => superjson.serialize(v), deserialize: deserializeInput },
  output: { serialize: (v: unknown) => superjson.serialize(v), deserialize: (v: unknown) => superjson.deserialize(v as SuperJSONResult) },
};
