/**
 * A technical field name as a label: `hair_type` → «Hair type», `clientCardNo` → «Client card no».
 * Klientiks' API sends custom fields by technical name only; their titles live in its admin UI,
 * which no API method returns (docs/display-formats.md), so this is the best reading we have.
 */
export function humanizeFieldKey(key: string): string {
  const words = key
    .replace(/([\p{Ll}\d])(\p{Lu})/gu, "$1 $2")
    .replace(/[_\-.\s]+/g, " ")
    .trim()
    .toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : key;
}
