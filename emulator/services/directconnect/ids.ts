import { randomBytes } from "node:crypto";

const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

function randomChars(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const b of bytes) out += LOWER_ALNUM[b % LOWER_ALNUM.length];
  return out;
}

/** `dxcon-` + 8 of [a-z0-9], as AWS issues them; `taken` guards against the (unlikely) collision. */
export function newConnectionId(taken: (id: string) => boolean): string {
  for (;;) {
    const id = `dxcon-${randomChars(8)}`;
    if (!taken(id)) return id;
  }
}

export function newLagId(taken: (id: string) => boolean): string {
  for (;;) {
    const id = `dxlag-${randomChars(8)}`;
    if (!taken(id)) return id;
  }
}

/** Device names look like `EqDC2-2ql8fys5bbhd3` on AWS: the location code and a random suffix. */
export function newDeviceName(location: string): string {
  return `${location}-${randomChars(13)}`;
}
