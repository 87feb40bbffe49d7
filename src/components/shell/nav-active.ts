/**
 * Whether a sidebar item is the current page: its own address or one under it, or only its own for
 * an item whose address starts another item's (the analytics report's starts its costs page's).
 */
export const isNavItemActive = (pathname: string, href: string, isExact = false): boolean =>
  pathname === href || (!isExact && pathname.startsWith(`${href}/`));
