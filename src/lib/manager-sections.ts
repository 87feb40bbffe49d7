/**
 * Workspace sections only owners and admins may use: every settings page and the members page.
 * The sidebar, the pages and every link into them (empty states, banners) follow this one rule, so an
 * agent is never shown a way into a page that answers «Нет доступа».
 */
const MANAGER_SECTION = /^\/w\/[^/]+\/(?:settings|members)(?:[/?#]|$)/;

export const isManagerSection = (href: string): boolean => MANAGER_SECTION.test(href);
