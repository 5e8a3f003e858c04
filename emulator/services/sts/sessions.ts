import { randomBytes } from "node:crypto";
import type { Store } from "../../store";

export const STS_STORE_KEY = "sts";

/** Temporary credentials issued by AssumeRole; persisted so a restarted emulator still honours them. */
export interface SessionRecord {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Real wall-clock epoch ms: clients compare credential expiry with their own clock. */
  expiration: number;
  accountId: string;
  roleName: string;
  roleArn: string;
  roleId: string;
  sessionName: string;
  assumedRoleArn: string;
}

interface StsState {
  sessions: Record<string, SessionRecord>;
}

function stsState(store: Store): StsState {
  return store.global<StsState>(STS_STORE_KEY, () => ({ sessions: {} }));
}

export function findSession(store: Store, accessKeyId: string): SessionRecord | undefined {
  const sessions = stsState(store).sessions;
  return Object.prototype.hasOwnProperty.call(sessions, accessKeyId) ? sessions[accessKeyId] : undefined;
}

const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function newSessionCredentials(): { accessKeyId: string; secretAccessKey: string; sessionToken: string } {
  let suffix = "";
  for (const b of randomBytes(16)) suffix += UPPER_ALNUM[b % UPPER_ALNUM.length];
  return {
    accessKeyId: `ASIA${suffix}`,
    secretAccessKey: randomBytes(30).toString("base64"),
    sessionToken: `IQoJb3JpZ2luX2VtEMU${randomBytes(180).toString("base64")}`,
  };
}

/** Stores a session and drops sessions that expired more than a day ago, so the state does not grow forever. */
export function saveSession(store: Store, session: SessionRecord, realNow: number): void {
  const sessions = stsState(store).sessions;
  for (const [key, s] of Object.entries(sessions)) {
    if (s.expiration < realNow - 86_400_000) delete sessions[key];
  }
  sessions[session.accessKeyId] = session;
}
