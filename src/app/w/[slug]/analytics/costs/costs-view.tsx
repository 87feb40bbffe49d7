"use client";

import { useQuery } from "@tanstack/react-query";

import { FormError } from "@/components/ui/form-error";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

import { CostsGrid } from "./costs-grid";
import { CostsImport } from "./costs-import";
import { CostsVisibility } from "./costs-visibility";

/** The month grid for everyone who may see costs; the import and the role setting for managers. */
export function CostsView({ canEdit, currency }: { canEdit: boolean; currency: string }) {
  const trpc = useTRPC();
  const { formError } = useErrorText();
  const grid = useQuery(trpc.costs.grid.queryOptions());
  if (grid.error) return <FormError message={formError(grid.error)} />;
  if (!grid.data) return null;
  return (
    <div className="space-y-10">
      <CostsGrid grid={grid.data} currency={currency} />
      {canEdit ? (
        <>
          <CostsImport campaignNames={grid.data.campaigns.map((campaign) => campaign.name)} />
          <CostsVisibility hideCostsFromAgents={grid.data.hideCostsFromAgents} />
        </>
      ) : null}
    </div>
  );
}
