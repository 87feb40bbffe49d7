// The Mustache subset Klientiks webhook templates use (klientiks-contract §12.3): variables, dotted
// names, sections, inverted sections, and `{{{x}}}` / `{{&x}}`. The "escaping" of a plain `{{x}}` is
// percent-encoding (encodeURIComponent) instead of HTML escaping, because the template is a URL; the
// triple / ampersand forms are the unescaped variants, which lets tests emit the raw, unencoded values
// the receiver must tolerate (§12.3 "Raw (unencoded) values"). Literal text is copied byte for byte.

import type { JsonValue } from "./types";

export type TemplateContext = { [key: string]: JsonValue };

type Node =
  | { kind: "text"; text: string }
  | { kind: "variable"; name: string; encode: boolean }
  | { kind: "section"; name: string; inverted: boolean; children: Node[] };

export class TemplateSyntaxError extends Error {}

type OpenSection = { name: string; inverted: boolean; children: Node[] };

const readTag = (
  template: string,
  start: number,
): { raw: string; end: number; triple: boolean } => {
  const triple = template.startsWith("{{{", start);
  const close = triple ? "}}}" : "}}";
  const contentStart = start + (triple ? 3 : 2);
  const closeAt = template.indexOf(close, contentStart);
  if (closeAt === -1) throw new TemplateSyntaxError(`Unclosed tag at position ${start}`);
  return { raw: template.slice(contentStart, closeAt).trim(), end: closeAt + close.length, triple };
};

export const parseTemplate = (template: string): Node[] => {
  const root: OpenSection = { name: "", inverted: false, children: [] };
  const stack: OpenSection[] = [root];
  const current = (): OpenSection => stack[stack.length - 1] ?? root;
  let position = 0;

  while (position < template.length) {
    const tagStart = template.indexOf("{{", position);
    if (tagStart === -1) {
      current().children.push({ kind: "text", text: template.slice(position) });
      break;
    }
    if (tagStart > position)
      current().children.push({ kind: "text", text: template.slice(position, tagStart) });

    const tag = readTag(template, tagStart);
    position = tag.end;
    const sigil = tag.triple ? "" : tag.raw.charAt(0);
    const name = (sigil && "#^/&".includes(sigil) ? tag.raw.slice(1) : tag.raw).trim();
    if (!name) throw new TemplateSyntaxError(`Empty tag at position ${tagStart}`);

    if (sigil === "#" || sigil === "^") {
      const section: OpenSection = { name, inverted: sigil === "^", children: [] };
      current().children.push({ kind: "section", ...section });
      stack.push(section);
    } else if (sigil === "/") {
      if (stack.length === 1 || current().name !== name) {
        throw new TemplateSyntaxError(
          `Unexpected closing tag {{/${name}}} at position ${tagStart}`,
        );
      }
      stack.pop();
    } else {
      current().children.push({ kind: "variable", name, encode: !tag.triple && sigil !== "&" });
    }
  }

  if (stack.length > 1) throw new TemplateSyntaxError(`Unclosed section {{#${current().name}}}`);
  return root.children;
};

const isObject = (value: JsonValue | undefined): value is { [key: string]: JsonValue } =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Mustache name resolution: the first segment is searched up the stack, the rest is drilled into. */
const lookup = (stack: readonly JsonValue[], name: string): JsonValue | undefined => {
  if (name === ".") return stack[stack.length - 1];
  const [head = "", ...rest] = name.split(".");
  for (let index = stack.length - 1; index >= 0; index--) {
    const frame = stack[index];
    if (isObject(frame) && Object.hasOwn(frame, head)) {
      let value: JsonValue | undefined = frame[head];
      for (const segment of rest) value = isObject(value) ? value[segment] : undefined;
      return value;
    }
  }
  return undefined;
};

const stringify = (value: JsonValue | undefined): string =>
  typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : "";

const isFalsy = (value: JsonValue | undefined): boolean =>
  value === undefined ||
  value === null ||
  value === false ||
  value === "" ||
  value === 0 ||
  (Array.isArray(value) && value.length === 0);

const renderNodes = (nodes: readonly Node[], stack: readonly JsonValue[]): string =>
  nodes
    .map((node) => {
      if (node.kind === "text") return node.text;
      const value = lookup(stack, node.name);
      if (node.kind === "variable") {
        const text = stringify(value);
        return node.encode ? encodeURIComponent(text) : text;
      }
      if (node.inverted) return isFalsy(value) ? renderNodes(node.children, stack) : "";
      if (value === undefined || isFalsy(value)) return "";
      if (Array.isArray(value))
        return value.map((item) => renderNodes(node.children, [...stack, item])).join("");
      return renderNodes(node.children, [...stack, value]);
    })
    .join("");

export const renderTemplate = (template: string, context: TemplateContext): string =>
  renderNodes(parseTemplate(template), [context]);
