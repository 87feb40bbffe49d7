// The tracker's wiring to the page: cookies, hits to /api/track, widget links and iframes, form
// contacts. Runs after tracker-core.js in the same function (tracker-script.ts); ES2017, no modules.
// Every entry point is wrapped: whatever fails, the customer's page never sees an exception.

var VISITOR_COOKIE = "_svyaz_vid";
var SESSION_COOKIE = "_svyaz_ses";
var YEAR_SECONDS = 365 * 24 * 3600;
var DAY_SECONDS = 24 * 3600;

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
  var config = readConfig();
  var campaign = readCampaign(window.location.search);
  var pageKey = campaignKey(campaign);
  var visitorId = readCookie(document.cookie, VISITOR_COOKIE) || randomId(window.crypto);
  var session = null;
  var framesSeen = [];
  var contactsSent = {};
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
    config = {
      widgetUrlPatterns: reply.widgetUrlPatterns,
      captureContacts: reply.captureContacts === true,
    };
    try {
      window.localStorage.setItem(configKey, JSON.stringify(config));
    } catch (error) {
      // Storage may be full or disabled; the config still applies to this page.
    }
    scan(document);
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
    return window
      .fetch(endpoint, {
        method: "POST",
        body: body,
        keepalive: true,
        credentials: "omit",
        headers: { "content-type": "text/plain" },
      })
      .then(function (response) {
        return wantsReply && response.status === 202 ? response.json() : null;
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

  function observe() {
    if (!window.MutationObserver) return;
    new window.MutationObserver(
      guard(function (mutations) {
        mutations.forEach(function (mutation) {
          if (mutation.type === "attributes") scan(mutation.target);
          else
            Array.prototype.forEach.call(mutation.addedNodes, function (node) {
              if (node.nodeType === 1) scan(node);
            });
        });
      }),
    ).observe(document.documentElement, {
      childList: true,
      subtree: true,
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
  guard(trackPageView)();
  guard(scan)(document);
  guard(observe)();
}

guard(startTracker)();
