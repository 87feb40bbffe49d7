import type { HTMLAttributes } from "react";

import { cn } from "@/lib/cn";

type TCardProps = HTMLAttributes<HTMLDivElement> & {
  /** No inner padding: a table runs edge to edge (and scrolls sideways on a phone). */
  isFlush?: boolean;
};

export const Card = ({ className, isFlush = false, ...props }: TCardProps) => (
  <div
    className={cn(
      "rounded-lg border border-slate-200 bg-white shadow-sm",
      isFlush ? "overflow-x-auto" : "p-6",
      className,
    )}
    {...props}
  />
);
