/** How the real checkpoint stores a secret: `{ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext }`. */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export function isEncryptedSecret(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return v[SIG_KEY] === SECRET_SIG && typeof v.ciphertext === "string" && !("plaintext" in v);
}
