/**
 * Terraform's waiter (helper/retry StateChangeConf with no Delay or MinTimeout set, as terraform-provider-aws's
 * Direct Connect, OpenSearch connection and attachment waiters leave them): it looks at once, then waits 100 ms and
 * doubles the wait after every look, capped at 10 s — looks at 0, 0.2, 0.6, 1.4, 3, 6.2, 12.6 s, then every 10 s.
 * Computed here for the same transitions the benchmark measures, as an extra column (Terraform is not run).
 */
export interface WaiterCost {
  /** Looks until the transition was seen (the first look at or after it included). */
  looks: number;
  /** Seconds from the transition to the look that saw it. */
  lagS: number;
}

export function terraformWaiter(transitionS: number): WaiterCost {
  let at = 0;
  let wait = 0.1;
  let looks = 1;
  while (at < transitionS) {
    wait = Math.min(10, wait * 2);
    at += wait;
    looks++;
  }
  return { looks, lagS: at - transitionS };
}
