import type { OperationHandler } from "../types";

export interface DxLocation {
  locationCode: string;
  locationName: string;
  region: string;
  availablePortSpeeds: string[];
  availableProviders: string[];
  availableMacSecPortSpeeds: string[];
}

const ALL_SPEEDS = ["1Gbps", "10Gbps", "100Gbps", "400Gbps"];
const MACSEC_SPEEDS = ["10Gbps", "100Gbps", "400Gbps"];

function location(region: string, locationCode: string, locationName: string, providers: string[], speeds = ALL_SPEEDS, macSec = MACSEC_SPEEDS): DxLocation {
  return { locationCode, locationName, region, availablePortSpeeds: speeds, availableProviders: providers, availableMacSecPortSpeeds: macSec };
}

/**
 * Seeded locations. Real locations change over time (which is why nothing may hard-code them); these are stable so
 * tests can rely on them. EqAT1 deliberately offers only 1 and 10 Gbps and no MACsec, to exercise those rules.
 */
export const LOCATIONS: readonly DxLocation[] = [
  location("us-east-1", "EqDC2", "Equinix DC1-DC6, DC10-DC11, Ashburn, VA", ["Equinix, Inc.", "Zayo"]),
  location("us-east-1", "CSVA1", "CoreSite VA1, Reston, VA", ["CoreSite", "Megaport"]),
  location("us-east-1", "EqNY5", "Equinix NY5, Secaucus, NJ", ["Equinix, Inc."]),
  location("us-east-1", "EqAT1", "Equinix AT1, Atlanta, GA", ["Equinix, Inc."], ["1Gbps", "10Gbps"], []),
  location("us-west-2", "EqSe2", "Equinix SE2, Seattle, WA", ["Equinix, Inc.", "Megaport"]),
  location("us-west-2", "CoSe1", "Cologix SEA1, Seattle, WA", ["Cologix"]),
  location("eu-west-1", "EqLD5", "Equinix LD5, London, United Kingdom", ["Equinix, Inc.", "Colt"]),
  location("eu-west-1", "TCDU1", "Digital Realty DUB1, Dublin, Ireland", ["Interxion"]),
];

export function locationsIn(region: string): DxLocation[] {
  return LOCATIONS.filter((l) => l.region === region);
}

export function findLocation(region: string, code: string): DxLocation | undefined {
  return LOCATIONS.find((l) => l.region === region && l.locationCode === code);
}

export const describeLocations: OperationHandler = (_input, ctx) => ({
  locations: locationsIn(ctx.region).map((l) => ({
    ...l,
    availablePortSpeeds: [...l.availablePortSpeeds],
    availableProviders: [...l.availableProviders],
    availableMacSecPortSpeeds: [...l.availableMacSecPortSpeeds],
  })),
});
