export type TWorkspaceOption = { slug: string; name: string };

const nameKey = (name: string) => name.trim().toLocaleLowerCase("ru");

/** Each workspace's name in the switcher; names shared by several get their slug, so they can be told apart. */
export function workspaceLabels(workspaces: TWorkspaceOption[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const { name } of workspaces)
    counts.set(nameKey(name), (counts.get(nameKey(name)) ?? 0) + 1);
  return new Map(
    workspaces.map(({ slug, name }) => [
      slug,
      (counts.get(nameKey(name)) ?? 0) > 1 ? `${name.trim()} · ${slug}` : name,
    ]),
  );
}
