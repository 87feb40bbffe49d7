import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { estimatePoolSize, poissonQuantile } from "@/server/domain/call-tracking/pool-size";

describe("poissonQuantile", () => {
  it("is the smallest n whose cumulative probability reaches p", () => {
    // Poisson(1): P(X≤0)=0.368, P(X≤1)=0.736, P(X≤2)=0.920, P(X≤3)=0.981.
    expect(poissonQuantile(1, 0.5)).toBe(1);
    expect(poissonQuantile(1, 0.9)).toBe(2);
    expect(poissonQuantile(1, 0.95)).toBe(3);
    expect(poissonQuantile(0, 0.99)).toBe(0);
  });

  it("stays finite for a mean where e^-mean underflows", () => {
    const n = poissonQuantile(10_000, 0.95);
    // Normal approximation: 10000 + 1.645 × 100.
    expect(n).toBeGreaterThan(10_150);
    expect(n).toBeLessThan(10_180);
  });
});

describe("estimatePoolSize", () => {
  it("sizes a pool from the busy hour's concurrent visits", () => {
    // 1000 visits a day, 100 in the busy hour: 100/60 a minute × (5 + 15) min ≈ 33.3 at once.
    const size = estimatePoolSize({
      visitorsPerDay: 1000,
      visitMinutes: 5,
      holdMinutes: 15,
      coverage: 0.95,
    });
    expect(size.concurrentVisits).toBeCloseTo(33.33, 2);
    expect(size.numbersNeeded).toBe(43);
  });

  it("needs nothing without traffic and at least one number with any", () => {
    const base = { visitMinutes: 3, holdMinutes: 15, coverage: 0.95 };
    expect(estimatePoolSize({ ...base, visitorsPerDay: 0 }).numbersNeeded).toBe(0);
    expect(estimatePoolSize({ ...base, visitorsPerDay: 1 }).numbersNeeded).toBe(1);
  });

  it("takes the busy-hour share when given", () => {
    const base = { visitorsPerDay: 1000, visitMinutes: 5, holdMinutes: 15, coverage: 0.95 };
    expect(estimatePoolSize({ ...base, peakHourShare: 0.2 }).numbersNeeded).toBeGreaterThan(
      estimatePoolSize(base).numbersNeeded,
    );
  });

  it("never needs fewer numbers for more visitors, a longer hold or a higher coverage", () => {
    const input = fc.record({
      visitorsPerDay: fc.integer({ min: 0, max: 20_000 }),
      visitMinutes: fc.integer({ min: 0, max: 60 }),
      holdMinutes: fc.integer({ min: 5, max: 120 }),
      coverage: fc.constantFrom(0.8, 0.9, 0.95, 0.99),
    });
    fc.assert(
      fc.property(
        input,
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 0, max: 60 }),
        (base, moreVisitors, moreHold) => {
          const size = estimatePoolSize(base).numbersNeeded;
          expect(
            estimatePoolSize({ ...base, visitorsPerDay: base.visitorsPerDay + moreVisitors })
              .numbersNeeded,
          ).toBeGreaterThanOrEqual(size);
          expect(
            estimatePoolSize({ ...base, holdMinutes: base.holdMinutes + moreHold }).numbersNeeded,
          ).toBeGreaterThanOrEqual(size);
          expect(
            estimatePoolSize({ ...base, coverage: Math.min(0.999, base.coverage + 0.009) })
              .numbersNeeded,
          ).toBeGreaterThanOrEqual(size);
        },
      ),
    );
  });
});
