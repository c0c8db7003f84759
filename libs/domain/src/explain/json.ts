// Values an explanation may carry: plain JSON, so a stored explanation re-reads exactly (R30).
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;
export type JsonObject = { readonly [key: string]: JsonValue };
