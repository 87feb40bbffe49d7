"use client";

import { createContext, useContext, type ReactNode } from "react";

import { isManagerSection } from "@/lib/manager-sections";

const CanManageContext = createContext(false);

/** Whether the viewer manages the current workspace (owner or admin), for the links rendered inside it. */
export function WorkspaceAccessProvider({
  canManage,
  children,
}: {
  canManage: boolean;
  children: ReactNode;
}) {
  return <CanManageContext.Provider value={canManage}>{children}</CanManageContext.Provider>;
}

/** Whether a link inside the workspace leads somewhere the viewer may use (src/lib/manager-sections.ts). */
export function useCanOpen(): (href: string) => boolean {
  const canManage = useContext(CanManageContext);
  return (href) => canManage || !isManagerSection(href);
}
