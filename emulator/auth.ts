import { accountByKey, uniqueId, userArn } from "./accounts";
import type { RawRequest } from "./protocols/types";
import { readSignature, verifySignature, isAuthFailure, type AuthFailure } from "./sigv4";
import type { Store } from "./store";
import { findSession } from "./services/sts/sessions";

/** Who signed a request: the account it acts in and the principal AWS would report. */
export interface Caller {
  accountId: string;
  accessKeyId: string;
  arn: string;
  userId: string;
  /** Present for temporary credentials issued by AssumeRole. */
  session?: { roleName: string; roleArn: string; sessionName: string };
}

export interface Authenticated {
  caller: Caller;
  /** The region of the credential scope: it selects the regional state, as the endpoint's region does on AWS. */
  region: string;
}

const INVALID_TOKEN = "The security token included in the request is invalid.";
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/**
 * Authenticates a request for the service whose SigV4 signing name is `signingName`: signature checks, then the
 * access key (long-term keys of the test accounts, or STS session keys with their session token).
 */
export function authenticate(req: RawRequest, signingName: string, store: Store, realNow: number): Authenticated | AuthFailure {
  const sig = readSignature(req, realNow);
  if (isAuthFailure(sig)) return sig;
  if (sig.service !== signingName) {
    return { kind: "signature-mismatch", message: `Credential should be scoped to correct service: '${signingName}'. ` };
  }
  if (!REGION_PATTERN.test(sig.region)) {
    return { kind: "signature-mismatch", message: "Credential should be scoped to a valid region. " };
  }

  let caller: Caller;
  let secret: string;
  const account = accountByKey(sig.accessKeyId);
  if (account) {
    // Long-term keys never carry a session token; AWS rejects the pair.
    if (sig.sessionToken !== undefined) return { kind: "unknown-key", message: INVALID_TOKEN };
    const arn = userArn(account);
    caller = { accountId: account.accountId, accessKeyId: account.accessKeyId, arn, userId: uniqueId("AIDA", arn) };
    secret = account.secretAccessKey;
  } else {
    const session = findSession(store, sig.accessKeyId);
    if (!session || sig.sessionToken !== session.sessionToken) return { kind: "unknown-key", message: INVALID_TOKEN };
    if (session.expiration <= realNow) {
      return { kind: "expired-token", message: "The security token included in the request is expired" };
    }
    caller = {
      accountId: session.accountId,
      accessKeyId: sig.accessKeyId,
      arn: session.assumedRoleArn,
      userId: `${session.roleId}:${session.sessionName}`,
      session: { roleName: session.roleName, roleArn: session.roleArn, sessionName: session.sessionName },
    };
    secret = session.secretAccessKey;
  }

  const mismatch = verifySignature(req, sig, secret);
  if (mismatch) return mismatch;
  return { caller, region: sig.region };
}
