/** A value the XML writer can serialize: AWS query/XML responses only ever need these. */
export type XmlValue = string | number | boolean | Date | undefined | XmlValue[] | { [name: string]: XmlValue };

/** Escapes element text (the only place values go): quotes need no escaping there, and AWS leaves them as they are. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

/**
 * Serializes `value` as element `name`. Objects become child elements in key order, arrays become `<member>`
 * children (the awsQuery list shape), dates use AWS's ISO 8601 form without milliseconds, undefined is omitted.
 */
export function element(name: string, value: XmlValue): string {
  if (value === undefined) return "";
  return `<${name}>${content(value)}</${name}>`;
}

function content(value: XmlValue): string {
  if (value === undefined) return "";
  if (value instanceof Date) return value.toISOString().replace(/\.\d{3}Z$/, "Z");
  if (Array.isArray(value)) return value.map((v) => element("member", v)).join("");
  if (typeof value === "object") return Object.entries(value).map(([k, v]) => element(k, v)).join("");
  return escapeXml(String(value));
}
