import { randomBytes, randomUUID } from "node:crypto";

/**
 * Attachment ids: a lowercase UUID v4 ("3f1c…-…"). AWS documents the attachmentId only as an opaque string; a UUID
 * is what AWS's newer control planes hand out for such ids, and it cannot be mistaken for an application id
 * ([a-z0-9]{3,30}) or a connection id (cc-…). `taken` guards against the (theoretical) collision.
 */
export function newAttachmentId(taken: (id: string) => boolean): string {
  for (;;) {
    const id = randomUUID();
    if (!taken(id)) return id;
  }
}

const WORKSPACE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Workspace ids: 6 random letters and digits, as OpenSearch Dashboards generates them (WORKSPACE_ID_SIZE = 6). */
export function newWorkspaceId(taken: (id: string) => boolean): string {
  for (;;) {
    let id = "";
    for (const b of randomBytes(6)) id += WORKSPACE_ALPHABET[b % WORKSPACE_ALPHABET.length];
    if (!taken(id)) return id;
  }
}
