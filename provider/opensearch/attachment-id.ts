/**
 * An attachment's resource id: `<applicationId>,<dataSourceArn>`. AWS keys every attachment call on this pair (an
 * application has at most one attachment per data source), and refresh and destroy receive only the id, so the id must
 * carry both; `attachmentId` is an output. Same convention as terraform-provider-aws's composite import ids.
 */
export interface AttachmentKey {
  applicationId: string;
  dataSourceArn: string;
}

const SEPARATOR = ",";

export function attachmentResourceId(key: AttachmentKey): string {
  return `${key.applicationId}${SEPARATOR}${key.dataSourceArn}`;
}

/** Undefined when the text is not an attachment id (application ids contain no comma; ARNs may, so split at the first). */
export function parseAttachmentResourceId(id: string): AttachmentKey | undefined {
  const at = id.indexOf(SEPARATOR);
  if (at <= 0 || at === id.length - 1) return undefined;
  return { applicationId: id.slice(0, at), dataSourceArn: id.slice(at + 1) };
}
