// The tracker's wiring to the page: cookies, hits to /api/track, widget links and iframes, form
// contacts, the call-tracking number. Runs after tracker-core.js in the same function
// (tracker-script.ts); ES2017, no modules.
// Every entry point is wrapped: whatever fails, the customer's page never sees an exception.

var VISITOR_COOKIE = "_svyaz_vid";
var SESSION_COOKIE = "_svyaz_ses";
var YEAR_SECONDS = 365 * 24 * 3600;
var DAY_SECONDS = 24 * 3600;
// Text the site's numbers are never swapped in, besides data-svyaz-keep and contenteditable.
var KEPT_TAGS = /^(script|style|textarea|input|select|noscript)$/i;

function guard(fn) {
  return function () {
    try {
      return fn.apply(this, arguments);
    } catch (error) {
      return undefined;
    }
  };
}

function startTracker() {
  if (window.__svyazTracker) return;
  var script = document.currentScript || document.querySelector("script[data-site]");
  var siteKey = script && script.getAttribute("data-site");
  if (!siteKey || !script.src) return;
  window.__svyazTracker = true;

  var endpoint = new URL(script.src).origin + "/api/track";
  var configKey = "_svyaz_cfg_" + siteKey;
  var numberKey = "_svyaz_num_" + siteKey;
  var config = readConfig();
  var campaign = readCampaign(window.location.search);
  var pageKey = campaignKey(campaign);
  var visitorId = readCookie(document.cookie, VISITOR_COOKIE) || randomId(window.crypto);
  var session = null;
  var framesSeen = [];
  var contactsSent = {};
  // Number substitution: the site's numbers as a RegExp and its selector (null: no call tracking),
  // the number shown ("" for the site's own), the lease's renewal.
  var phones = null;
  var number = "";
  var isAsked = false;
  var isRenewDue = false;
  var renewMs = 60000;
  var renewTimer = 0;
  var writes = 0;
  writeCookie(VISITOR_COOKIE, visitorId, YEAR_SECONDS);

  function writeCookie(name, value, maxAge) {
    var secure = window.location.protocol === "https:" ? "; Secure" : "";
    document.cookie =
      name + "=" + value + "; path=/; max-age=" + maxAge + "; SameSite=Lax" + secure;
  }

  // The last config the server sent (widget patterns, contact opt-in), so this page can act before
  // its own page view is answered; defaults before the first answer.
  function readConfig() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(configKey) || "null");
      if (saved && Array.isArray(saved.widgetUrlPatterns)) return saved;
    } catch (error) {
      // Storage may be disabled; defaults will do.
    }
    return { widgetUrlPatterns: ["klientiks.ru/app/"], captureContacts: false };
  }

  function applyConfig(reply) {
    if (!reply || !Array.isArray(reply.widgetUrlPatterns)) return;
    // The site turned call tracking off: its own numbers again.
    if (!reply.phones) show("");
    config = {
      widgetUrlPatterns: reply.widgetUrlPatterns,
      captureContacts: reply.captureContacts === true,
      phones: reply.phones || null,
    };
    try {
      window.localStorage.setItem(configKey, JSON.stringify(config));
    } catch (error) {
      // Storage may be full or disabled; the config still applies to this page.
    }
    scan(document);
    startNumbers();
  }

  // Every hit extends the session (or starts a new one, see nextSession) and the session cookie.
  function touchSession() {
    var cached = session || decodeSession(readCookie(document.cookie, SESSION_COOKIE));
    session = nextSession(cached, pageKey, Date.now(), function () {
      return randomId(window.crypto);
    });
    writeCookie(SESSION_COOKIE, encodeSession(session), DAY_SECONDS);
    return session;
  }

  // Beacons survive navigation (a widget link click leaves the page); the page view uses fetch,
  // because its answer carries the config.
  function send(type, extra, wantsReply) {
    var payload = {
      type: type,
      siteKey: siteKey,
      visitorId: visitorId,
      sessionId: touchSession().id,
      url: window.location.href,
      referrer: document.referrer || null,
      utm: campaign.utm,
      clickIds: campaign.clickIds,
    };
    Object.keys(extra).forEach(function (key) {
      payload[key] = extra[key];
    });
    var body = JSON.stringify(payload);
    var navigator = window.navigator;
    if (!wantsReply && navigator.sendBeacon && navigator.sendBeacon(endpoint, body))
      return Promise.resolve(null);
    if (!window.fetch) return Promise.resolve(null);
    return post(endpoint, body).then(function (response) {
      return wantsReply && response.status === 202 ? response.json() : null;
    });
  }

  // Text, not JSON, so the browser sends it without a CORS preflight.
  function post(url, body) {
    return window.fetch(url, {
      method: "POST",
      body: body,
      keepalive: true,
      credentials: "omit",
      headers: { "content-type": "text/plain" },
    });
  }

  function report(type, extra) {
    try {
      send(type, extra, false).catch(function () {
        return null;
      });
    } catch (error) {
      // A blocked beacon or fetch is not the page's problem.
    }
  }

  // Widget links always carry the current session id; a widget iframe is decorated and reported once.
  function visit(element) {
    var isFrame = element.tagName === "IFRAME";
    var url = isFrame ? element.src : element.href;
    if (!url || !matchesWidget(url, config.widgetUrlPatterns)) return;
    if (isFrame && framesSeen.indexOf(element) >= 0) return;
    var decorated = decorateUrl(url, (session || touchSession()).id);
    if (decorated !== url) {
      if (isFrame) element.src = decorated;
      else element.href = decorated;
    }
    if (isFrame) {
      framesSeen.push(element);
      report("widget_open", { widgetUrl: decorated });
    }
  }

  function scan(root) {
    if (root.tagName === "A" || root.tagName === "IFRAME") visit(root);
    if (root.querySelectorAll)
      Array.prototype.forEach.call(root.querySelectorAll("a[href], iframe[src]"), guard(visit));
  }

  function onClick(event) {
    var link = event.target && event.target.closest ? event.target.closest("a[href]") : null;
    if (!link || !matchesWidget(link.href, config.widgetUrlPatterns)) return;
    link.href = decorateUrl(link.href, touchSession().id);
    report("widget_open", { widgetUrl: link.href });
  }

  // Only with the site's opt-in, and only normalized values: never what else was typed.
  function onChange(event) {
    var field = event.target;
    if (!config.captureContacts || !field || field.tagName !== "INPUT") return;
    var kind = contactKind(field);
    var value =
      kind === "phone"
        ? normalizePhone(field.value)
        : kind === "email"
          ? normalizeEmail(field.value)
          : "";
    if (!value || contactsSent[value]) return;
    contactsSent[value] = true;
    var extra = {};
    extra[kind] = value;
    report("contact", extra);
  }

  // Number substitution (docs/site-tracker.md, "Number substitution"): a cached number at once, the
  // server's answer, then a renewal every renewSeconds while the page is visible.
  function startNumbers() {
    var value = config.phones;
    var selector = value && typeof value.selector === "string" ? value.selector : null;
    phones = null;
    if (!value || !Array.isArray(value.targets)) return;
    try {
      if (selector) document.querySelector(selector);
    } catch (error) {
      selector = null;
    }
    phones = { targets: targetsRegExp(value.targets), selector: selector };
    if (isAsked) return;
    isAsked = true;
    var cached = "";
    try {
      cached = window.sessionStorage.getItem(numberKey) || "";
    } catch (error) {
      // Storage may be disabled: the server's answer will do.
    }
    cached = cached.split(" ");
    if (cached[0] === touchSession().id) show(cached[1]);
    askNumber(session.id);
  }

  function askNumber(sessionId) {
    isRenewDue = false;
    if (!phones) return;
    var body = { siteKey: siteKey, visitorId: visitorId, sessionId: sessionId };
    post(endpoint + "/number", JSON.stringify(body))
      .then(function (response) {
        return response.status === 204
          ? { number: "" }
          : response.status === 200 && response.json();
      })
      .then(guard(takeNumber), guard(takeNumber));
  }

  // 200 shows its number, 204 the site's own; anything else leaves what is shown as it is.
  function takeNumber(reply) {
    var next = reply && reply.number;
    if (phones && (next === "" || /^\+7\d{10}$/.test(next))) {
      show(next);
      renewMs = Math.max(10, Math.min(+reply.renewSeconds || 60, 3600)) * 1000;
      try {
        window.sessionStorage.setItem(numberKey, next && session.id + " " + next);
      } catch (error) {
        // Storage may be disabled: the next page asks before it swaps.
      }
    }
    clearTimeout(renewTimer);
    if (number) renewTimer = setTimeout(guard(renew), renewMs);
  }

  function renew() {
    if (document.hidden) isRenewDue = true;
    else askNumber(session.id);
  }

  function show(next) {
    if (next === number) return;
    number = next;
    swapIn(document.documentElement, false);
  }

  // The attribute, not isContentEditable, which makes the browser recompute styles after every
  // write; the walk stops at the editable element, so what it contains is never reached.
  function isKept(element) {
    return (
      KEPT_TAGS.test(element.tagName) ||
      element.hasAttribute("data-svyaz-keep") ||
      /^(|true|plaintext-only)$/i.test(element.getAttribute("contenteditable"))
    );
  }

  // The page's own value is remembered beside the one written, so another number, or none, is
  // computed from it again; a value the page wrote itself starts afresh. The budget stops a page
  // script that puts its number back on every change from ping-ponging with us.
  function swapValue(node, key, now, isAny, write) {
    var memo = node[key] || [];
    var base = memo[1] === now ? memo[0] : now;
    var out = number ? swapPhones(base, number, phones.targets, isAny) : base;
    if (out === now) return;
    if (!writes)
      setTimeout(function () {
        writes = 0;
      }, 1000);
    if (writes++ > 500) return;
    node[key] = [base, out];
    write(out);
  }

  function swapIn(node, isAny) {
    if (node.nodeType === 3)
      swapValue(node, "_svyazText", node.nodeValue, isAny, function (out) {
        node.nodeValue = out;
      });
    if (node.nodeType !== 1 || isKept(node)) return;
    isAny = isAny || isSelected(node);
    var href = node.tagName === "A" && node.getAttribute("href");
    if (/^tel:/i.test(href))
      swapValue(node, "_svyazHref", href, isAny, function (out) {
        node.setAttribute("href", out);
      });
    for (var child = node.firstChild; child; child = child.nextSibling) swapIn(child, isAny);
  }

  function isSelected(element) {
    return phones && phones.selector && element.matches(phones.selector);
  }

  // Added or changed content: never under a kept element, the selector's rule under its element.
  function swapFrom(node) {
    if (!number) return;
    var isAny = false;
    for (var up = node.parentNode; up && up.nodeType === 1; up = up.parentNode) {
      if (isKept(up)) return;
      isAny = isAny || isSelected(up);
    }
    swapIn(node, isAny);
  }

  function observe() {
    if (!window.MutationObserver) return;
    new window.MutationObserver(
      guard(function (mutations) {
        mutations.forEach(
          guard(function (mutation) {
            var target = mutation.target;
            if (mutation.type === "attributes") scan(target);
            if (mutation.type !== "childList") swapFrom(target);
            Array.prototype.forEach.call(mutation.addedNodes, function (node) {
              if (node.nodeType === 1) scan(node);
              swapFrom(node);
            });
          }),
        );
      }),
    ).observe(document.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ["href", "src"],
    });
  }

  function trackPageView() {
    send("pageview", { title: clipText(document.title || "", 300) }, true).then(
      guard(applyConfig),
      function () {
        return null;
      },
    );
  }

  document.addEventListener("click", guard(onClick), true);
  document.addEventListener("change", guard(onChange), true);
  document.addEventListener(
    "visibilitychange",
    guard(function () {
      if (isRenewDue && !document.hidden) askNumber(session.id);
    }),
  );
  guard(trackPageView)();
  guard(scan)(document);
  guard(startNumbers)();
  guard(observe)();
}

guard(startTracker)();
