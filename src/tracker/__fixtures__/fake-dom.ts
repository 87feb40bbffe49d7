/**
 * Just enough of a DOM tree for number substitution: elements with attributes and children, text
 * nodes, simple selectors, and mutation records like a browser's (our own writes
 * included, so a test sees whether the tracker reacts to itself).
 */

export type TMutationRecord = {
  type: "childList" | "characterData" | "attributes";
  target: TFakeNode;
  addedNodes: TFakeNode[];
  attributeName?: string;
};

type TMutationSink = (record: TMutationRecord) => void;

abstract class TFakeNodeBase {
  parentNode: FakeElement | null = null;
  sink: TMutationSink | null = null;

  get nextSibling(): TFakeNode | null {
    const siblings = this.parentNode?.childNodes ?? [];
    return siblings[siblings.indexOf(this as unknown as TFakeNode) + 1] ?? null;
  }

  get rootNode(): TFakeNodeBase {
    return this.parentNode ? this.parentNode.rootNode : this;
  }

  protected notify(record: Omit<TMutationRecord, "addedNodes"> & { addedNodes?: TFakeNode[] }) {
    this.rootNode.sink?.({ addedNodes: [], ...record });
  }
}

export class FakeText extends TFakeNodeBase {
  readonly nodeType = 3;
  #value: string;

  constructor(value: string) {
    super();
    this.#value = value;
  }

  get nodeValue(): string {
    return this.#value;
  }

  set nodeValue(value: string) {
    this.#value = value;
    this.notify({ type: "characterData", target: this });
  }
}

export class FakeElement extends TFakeNodeBase {
  readonly nodeType = 1;
  readonly tagName: string;
  readonly attributes = new Map<string, string>();
  readonly childNodes: TFakeNode[] = [];

  constructor(tag: string) {
    super();
    this.tagName = tag.toUpperCase();
  }

  get firstChild(): TFakeNode | null {
    return this.childNodes[0] ?? null;
  }

  get textContent(): string {
    return this.childNodes
      .map((node) => (node instanceof FakeText ? node.nodeValue : node.textContent))
      .join("");
  }

  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }

  hasAttribute(name: string): boolean {
    return this.attributes.has(name);
  }

  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
    this.notify({ type: "attributes", target: this, attributeName: name });
  }

  appendChild(node: TFakeNode): TFakeNode {
    node.parentNode = this;
    this.childNodes.push(node);
    this.notify({ type: "childList", target: this, addedNodes: [node] });
    return node;
  }

  /** Tags, `.class`, `#id`, `[attribute]` and their compounds, in comma lists; throws on others. */
  matches(selector: string): boolean {
    return selector.split(",").some((part) => {
      const tokens = part.trim().match(/^[a-z]+|\.[\w-]+|#[\w-]+|\[[\w-]+\]/gi) ?? [];
      if (tokens.join("") !== part.trim() || tokens.length === 0)
        throw new SyntaxError(`not a valid selector: ${selector}`);
      return tokens.every((token) => {
        if (token.startsWith("."))
          return (this.getAttribute("class") ?? "").split(/\s+/).includes(token.slice(1));
        if (token.startsWith("#")) return this.getAttribute("id") === token.slice(1);
        if (token.startsWith("[")) return this.hasAttribute(token.slice(1, -1));
        return this.tagName === token.toUpperCase();
      });
    });
  }

  querySelector(selector: string): FakeElement | null {
    for (const node of this.childNodes) {
      if (!(node instanceof FakeElement)) continue;
      if (node.matches(selector)) return node;
      const found = node.querySelector(selector);
      if (found) return found;
    }
    return null;
  }

  /** The element with this data-testid, anywhere below. */
  byTestId(testId: string): FakeElement {
    const found = this.findTestId(testId);
    if (!found) throw new Error(`no element with data-testid="${testId}"`);
    return found;
  }

  private findTestId(testId: string): FakeElement | null {
    for (const node of this.childNodes) {
      if (!(node instanceof FakeElement)) continue;
      if (node.getAttribute("data-testid") === testId) return node;
      const found = node.findTestId(testId);
      if (found) return found;
    }
    return null;
  }
}

export type TFakeNode = FakeText | FakeElement;

/** `h("a", { href: "tel:+7…" }, "+7 (495) …", h("b", {}, "…"))`: strings become text nodes. */
export const h = (
  tag: string,
  attributes: Record<string, string> = {},
  ...children: (TFakeNode | string)[]
): FakeElement => {
  const element = new FakeElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.attributes.set(name, value);
  for (const child of children) {
    const node = typeof child === "string" ? new FakeText(child) : child;
    node.parentNode = element;
    element.childNodes.push(node);
  }
  return element;
};

/**
 * Delivers the tree's mutation records to `callback` in a microtask, as browsers do, and counts the
 * deliveries; after `limit` it stops: an observer that keeps reacting to itself would never end.
 */
export const observeTree = (
  root: FakeElement,
  callback: (records: TMutationRecord[]) => void,
  limit = 5000,
) => {
  let queue: TMutationRecord[] = [];
  const state = { deliveries: 0 };
  root.sink = (record) => {
    if (queue.length === 0)
      queueMicrotask(() => {
        const records = queue;
        queue = [];
        state.deliveries += 1;
        if (state.deliveries <= limit) callback(records);
      });
    queue.push(record);
  };
  return state;
};
