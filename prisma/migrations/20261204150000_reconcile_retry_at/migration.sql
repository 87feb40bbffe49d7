-- After a failed Klientiks reconciliation, the time before which none is started again: a failure
-- leaves lastReconcileAt as it was, so without it the scheduler listed a failing account on every tick.
ALTER TABLE "Connection" ADD COLUMN "reconcileRetryAt" TIMESTAMPTZ(3);
