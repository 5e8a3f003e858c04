import { createHash } from "node:crypto";

/**
 * AttachDataSource's client token, derived from what names the attachment: where (region), which application, which
 * data source and which workspace. A create retried after a crash or a lost response (Pulumi gives a dynamic provider
 * nothing else that survives a crash: no URN, no stored nonce) sends the same token with the same parameters, and AWS
 * answers with the attachment the first attempt made instead of making a second.
 *
 * `generation` moves to the next token when AWS answers a token with an attachment that no longer exists (a token kept
 * from an attachment detached since, e.g. `pulumi up --replace` with unchanged inputs). The chain is deterministic, so a
 * retried create walks it the same way and lands on the same live attachment.
 */
export interface TokenInputs {
  region?: string;
  applicationId: string;
  dataSourceArn: string;
  workspaceId?: string;
  workspaceConfiguration?: { name: string; workspaceType: string };
}

export function attachmentClientToken(inputs: TokenInputs, generation = 0): string {
  const identity = JSON.stringify([
    "opensearch:DataSourceAttachment",
    inputs.region ?? "",
    inputs.applicationId,
    inputs.dataSourceArn,
    inputs.workspaceId ?? "",
    inputs.workspaceConfiguration?.name ?? "",
    inputs.workspaceConfiguration?.workspaceType ?? "",
    generation,
  ]);
  // 40 hex characters: well inside the 64 characters AWS client tokens allow, and case-sensitive-safe.
  return `pac-${createHash("sha256").update(identity).digest("hex").slice(0, 40)}`;
}
