"use client";

/**
 * Downloads text the page builds from what it shows (the report's expanded rows and order), so the
 * file is exactly the table; nothing is fetched again.
 */
export function DownloadCsvButton({
  label,
  fileName,
  build,
}: {
  label: string;
  fileName: string;
  build: () => string;
}) {
  const download = () => {
    const url = URL.createObjectURL(new Blob([build()], { type: "text/csv;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <button
      type="button"
      onClick={download}
      className="inline-flex h-9 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
    >
      {label}
    </button>
  );
}
