type TBackfillJob = {
  status: "running" | "completed" | "failed";
  listed: number;
  queued: number;
  done: number;
  failed: number;
  enumeratedAt: Date | null;
  error: string | null;
};

/**
 * The line under the history import's progress bar, as a message key of the `klientiks` namespace
 * and its values. A finished import that queued nothing says why: every appointment it listed was
 * already imported (listing skips deals at least as fresh), or Klientiks listed none at all.
 */
export function backfillSummary(job: TBackfillJob): {
  key: string;
  values: Record<string, number | string>;
} {
  if (job.status === "failed") return { key: "backfillFailed", values: {} };
  if (job.status === "completed" && job.queued === 0) {
    return job.listed === 0
      ? { key: "backfillNothingListed", values: {} }
      : { key: "backfillNothingNew", values: { listed: job.listed } };
  }
  if (job.status === "completed")
    return { key: "backfillCompleted", values: { done: job.done, failed: job.failed } };
  return job.enumeratedAt
    ? { key: "backfillProgress", values: { done: job.done, queued: job.queued } }
    : { key: "backfillListing", values: { listed: job.listed } };
}
