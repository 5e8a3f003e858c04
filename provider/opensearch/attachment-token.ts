import { createHash } from "node:crypto";

/**
 * AttachDataSource's client token, derived from what names the attachment: where (region), which application, which
 * data source and which workspace. A create retried after a crash or a lost response (Pulumi gives a dynamic provider
 * nothing else that survives a crash: no URN, no stored nonce) sends the same token with the same parameters, and AWS
 * answers with the attachment the first attempt made instead of making a second.
 *
 * `period` (e.g. the hour) renews the tokens over time: AWS remembers a token after its attachment is detached and
 * answers it with that attachment again, performing "no further actions"; a later create (`pulumi up --replace`, a
 * re-attach after an out-of-band detach) within the period then steps past it (see the create).
 */
export interface TokenInputs {
  region?: string;
  applicationId: string;
  dataSourceArn: string;
  workspaceId?: string;
  workspaceConfiguration?: { name: string; workspaceType: string };
}

export function attachmentClientToken(inputs: TokenInputs, period: number): string {
  const identity = JSON.stringify([
    "opensearch:DataSourceAttachment",
    inputs.region ?? "",
    inputs.applicationId,
    inputs.dataSourceArn,
    inputs.workspaceId ?? "",
    inputs.workspaceConfiguration?.name ?? "",
    inputs.workspaceConfiguration?.workspaceType ?? "",
    period,
  ]);
  // 40 hex characters: well inside the 64 characters AWS client tokens allow, and case-sensitive-safe.
  return `pac-${createHash("sha256").update(identity).digest("hex").slice(0, 40)}`;
}
