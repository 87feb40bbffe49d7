/** An integration's counters at a glance (the sync panels: processed, failed, rejected…). */
export function StatTiles({
  stats,
}: {
  stats: { label: string; value: number; testId: string }[];
}) {
  return (
    <dl className="grid grid-cols-2 gap-4 text-sm md:grid-cols-4">
      {stats.map((stat) => (
        <div key={stat.testId} className="rounded-md bg-slate-50 px-3 py-2">
          <dt className="text-xs text-slate-500">{stat.label}</dt>
          <dd className="text-xl font-semibold" data-testid={stat.testId}>
            {stat.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
