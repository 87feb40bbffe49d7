/** Tells the user the list refreshes itself, so they do not reach for the reload button. */
export const LiveIndicator = ({ label }: { label: string }) => (
  <span className="inline-flex items-center gap-2 text-xs text-slate-500">
    <span aria-hidden="true" className="relative flex size-2">
      <span className="absolute inline-flex size-full animate-ping rounded-full bg-emerald-400 opacity-60 motion-reduce:animate-none" />
      <span className="relative inline-flex size-2 rounded-full bg-emerald-500" />
    </span>
    {label}
  </span>
);
