import type { CrossFieldRule, FieldSet } from "../core/fields";
import { lengthBetween, matches, oneOf } from "../core/validators";
import { tagRules } from "./tag-rules";

export const ENCRYPTION_MODES = ["no_encrypt", "should_encrypt", "must_encrypt"] as const;

/**
 * Dedicated connection speeds are whole Gbps. The exact list (1, 10, 100, 400 today) is AWS's to decide per location:
 * a fixed list here would go stale, as terraform-provider-aws's did, so only the shape is checked before calling.
 */
const BANDWIDTH = /^[1-9]\d*Gbps$/;

export function gbps(bandwidth: string): number | undefined {
  return BANDWIDTH.test(bandwidth) ? Number(bandwidth.slice(0, -4)) : undefined;
}

export const CONNECTION_FIELDS: FieldSet = {
  location: { type: "string", required: true, immutable: true, validators: [lengthBetween(1, 64), matches(/^[A-Za-z0-9-]+$/, 'a Direct Connect location code such as "EqDC2" (see DescribeLocations)')] },
  bandwidth: { type: "string", required: true, immutable: true, validators: [matches(BANDWIDTH, 'a whole number of Gbps such as "1Gbps", "10Gbps", "100Gbps" or "400Gbps"')] },
  // Renaming is an UpdateConnection call; terraform-provider-aws wrongly replaces the connection for it.
  connectionName: { type: "string", required: true, validators: [lengthBetween(1, 100)] },
  lagId: { type: "string", immutable: true, validators: [matches(/^dxlag-[a-z0-9]{8}$/, 'a LAG id such as "dxlag-ffabc123"')] },
  providerName: { type: "string", immutable: true, validators: [lengthBetween(1, 100)] },
  requestMACSec: { type: "boolean", immutable: true, default: false },
  encryptionMode: { type: "string", validators: [oneOf(ENCRYPTION_MODES)] },
  tags: { type: "stringMap", validators: [tagRules] },
  // Physical provisioning takes days, so by default a create ends once AWS has accepted the order.
  waitForAvailable: { type: "boolean", default: false },
};

export const CONNECTION_RULES: CrossFieldRule[] = [
  {
    uses: ["requestMACSec", "bandwidth"],
    check: (inputs) => {
      const speed = typeof inputs.bandwidth === "string" ? gbps(inputs.bandwidth) : undefined;
      if (inputs.requestMACSec !== true || speed === undefined || speed >= 10) return [];
      return [{ path: "requestMACSec", rule: `MACsec is available only on 10Gbps connections and faster; bandwidth is ${speed}Gbps` }];
    },
  },
  {
    uses: ["requestMACSec", "encryptionMode"],
    check: (inputs) =>
      inputs.encryptionMode !== undefined && inputs.requestMACSec !== true
        ? [{ path: "encryptionMode", rule: "applies only to MACsec connections: set requestMACSec: true (at 10Gbps or faster)" }]
        : [],
  },
];
