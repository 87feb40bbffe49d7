import {
  h,
  observeTree,
  type FakeElement,
  type TMutationRecord,
} from "@/tracker/__fixtures__/fake-dom";
import { TRACKER_SCRIPT } from "@/tracker/tracker-script";

/** Just enough of a link, iframe or input for the tracker. */
export type TFakeElement = {
  tagName: "A" | "IFRAME" | "INPUT";
  nodeType: 1;
  href?: string;
  src?: string;
  type?: string;
  name?: string;
  value?: string;
  closest?: (selector: string) => TFakeElement | null;
};

export type TSentHit = {
  via: "beacon" | "fetch";
  url: string;
  body: Record<string, unknown>;
  init?: Record<string, unknown>;
};

/** What `/api/track/number` answers: a status and JSON body ("malformed": not JSON), or a network error. */
export type TNumberAnswer = { status: number; body?: unknown } | Error;

type TPageViewReply = {
  widgetUrlPatterns: string[];
  captureContacts: boolean;
  phones?: { targets: string[]; selector: string | null } | null;
};

export type TFakePageOptions = {
  url: string;
  referrer?: string;
  title?: string;
  siteKey?: string | null;
  /** Shared between pages of one browser: cookies and localStorage. */
  browser?: TFakeBrowser;
  elements?: TFakeElement[];
  /** What `/api/track` answers to the page view. */
  reply?: TPageViewReply | null;
  /** The page's `<body>` (a fake-dom tree), for number substitution. */
  body?: FakeElement;
  /** What `/api/track/number` answers to its n-th request (from 0); 204 without it. */
  answerNumber?: (index: number) => TNumberAnswer;
  /** Replace parts of `window`, e.g. with APIs that throw. */
  overrideWindow?: Record<string, unknown>;
};

type TObserveOptions = {
  characterData?: boolean;
  attributes?: boolean;
  attributeFilter?: string[];
};

export type TFakeBrowser = {
  cookies: Map<string, { value: string; maxAge: number }>;
  storage: Map<string, string>;
  /** sessionStorage: one tab's pages share it. */
  tabStorage: Map<string, string>;
};

export const createFakeBrowser = (): TFakeBrowser => ({
  cookies: new Map(),
  storage: new Map(),
  tabStorage: new Map(),
});

export const fakeLink = (href: string): TFakeElement => {
  const link: TFakeElement = { tagName: "A", nodeType: 1, href };
  link.closest = () => link;
  return link;
};
export const fakeIframe = (src: string): TFakeElement => ({ tagName: "IFRAME", nodeType: 1, src });
export const fakeInput = (type: string, name: string): TFakeElement => ({
  tagName: "INPUT",
  nodeType: 1,
  type,
  name,
  value: "",
});

const APP = "https://svyaz.example";

/**
 * A page with the snippet, for running the real `/t.js` in Node: a cookie jar, localStorage,
 * `sendBeacon`, `fetch`, event listeners and a MutationObserver whose callback tests can fire.
 */
export function createFakePage(options: TFakePageOptions) {
  const browser = options.browser ?? createFakeBrowser();
  const elements = [...(options.elements ?? [])];
  const sent: TSentHit[] = [];
  const listeners = new Map<string, ((event: unknown) => void)[]>();
  let observer: ((mutations: unknown[]) => void) | null = null;
  const html = h("html", {}, options.body ?? h("body"));
  let observed: TObserveOptions = {};
  // Only what the tracker asked to observe reaches it, as in a browser.
  const mutations = observeTree(html, (records: TMutationRecord[]) => {
    const wanted = records.filter(
      (record) =>
        record.type === "childList" ||
        (record.type === "characterData" && observed.characterData) ||
        (record.type === "attributes" &&
          observed.attributes &&
          (observed.attributeFilter ?? [record.attributeName]).includes(record.attributeName)),
    );
    if (wanted.length > 0) observer?.(wanted);
  });
  let numberRequests = 0;
  let isHidden = false;
  const location = new URL(options.url);
  const siteKey = options.siteKey === undefined ? "site-key-123" : options.siteKey;

  const document = {
    get cookie() {
      return [...browser.cookies].map(([name, { value }]) => `${name}=${value}`).join("; ");
    },
    set cookie(text: string) {
      const [pair = "", ...attributes] = text.split(";");
      const at = pair.indexOf("=");
      const maxAge = Number(
        attributes
          .map((attribute) => attribute.trim())
          .find((attribute) => attribute.startsWith("max-age="))
          ?.slice(8) ?? -1,
      );
      browser.cookies.set(pair.slice(0, at).trim(), { value: pair.slice(at + 1), maxAge });
    },
    currentScript: siteKey
      ? {
          src: `${APP}/t.js`,
          getAttribute: (name: string) => (name === "data-site" ? siteKey : null),
        }
      : null,
    querySelector: (selector: string) => html.querySelector(selector),
    querySelectorAll: () =>
      elements.filter(
        (element) =>
          (element.tagName === "A" && element.href) ||
          (element.tagName === "IFRAME" && element.src),
      ),
    referrer: options.referrer ?? "",
    title: options.title ?? "Салон красоты",
    get hidden() {
      return isHidden;
    },
    documentElement: html,
    addEventListener: (type: string, listener: (event: unknown) => void) =>
      listeners.set(type, [...(listeners.get(type) ?? []), listener]),
  };

  const window = {
    location: { href: location.href, search: location.search, protocol: location.protocol },
    navigator: {
      sendBeacon: (url: string, body: string) => {
        sent.push({ via: "beacon", url, body: JSON.parse(body) as Record<string, unknown> });
        return true;
      },
    },
    fetch: (url: string, init: { body: string }) => {
      const { body, ...rest } = init;
      sent.push({
        via: "fetch",
        url,
        body: JSON.parse(body) as Record<string, unknown>,
        init: rest,
      });
      if (url.endsWith("/api/track/number")) {
        const answer = options.answerNumber?.(numberRequests) ?? { status: 204 };
        numberRequests += 1;
        if (answer instanceof Error) return Promise.reject(answer);
        return Promise.resolve({
          status: answer.status,
          json: () =>
            answer.body === "malformed"
              ? Promise.reject(new SyntaxError("Unexpected token"))
              : Promise.resolve(answer.body),
        });
      }
      const reply =
        options.reply === undefined
          ? { widgetUrlPatterns: ["klientiks.ru/app/"], captureContacts: false }
          : options.reply;
      return Promise.resolve({ status: reply ? 202 : 404, json: () => Promise.resolve(reply) });
    },
    localStorage: {
      getItem: (key: string) => browser.storage.get(key) ?? null,
      setItem: (key: string, value: string) => browser.storage.set(key, value),
    },
    sessionStorage: {
      getItem: (key: string) => browser.tabStorage.get(key) ?? null,
      setItem: (key: string, value: string) => browser.tabStorage.set(key, value),
    },
    crypto: globalThis.crypto,
    MutationObserver: class {
      constructor(callback: (mutations: unknown[]) => void) {
        observer = callback;
      }
      observe(_target: unknown, options: TObserveOptions) {
        observed = options;
      }
    },
    ...options.overrideWindow,
  };

  const dispatch = (type: string, event: unknown) => {
    for (const listener of listeners.get(type) ?? []) listener(event);
  };

  return {
    sent,
    browser,
    document,
    body: html.firstChild as FakeElement,
    /** How many times mutation records were delivered to the tracker's observer. */
    mutations,
    /** The page goes to a background tab, or comes back. */
    setHidden: (hidden: boolean) => {
      isHidden = hidden;
      dispatch("visibilitychange", {});
    },
    /** Runs `/t.js` as the browser would, with this page's `window` and `document`. */
    load: () => new Function("window", "document", TRACKER_SCRIPT)(window, document) as void,
    click: (element: TFakeElement) => dispatch("click", { target: element }),
    change: (input: TFakeElement, value: string) => {
      input.value = value;
      dispatch("change", { target: input });
    },
    /** Adds an element the way a widget script would, and tells the MutationObserver. */
    insert: (element: TFakeElement) => {
      elements.push(element);
      observer?.([{ type: "childList", addedNodes: [element] }]);
    },
    /** Lets the page view's fetch and its answer settle. */
    settle: () => new Promise((resolve) => setImmediate(resolve)),
  };
}
