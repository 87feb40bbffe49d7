// Pure parts of the site tracker (/t.js): no DOM, no globals but URLSearchParams, so Vitest runs
// them exactly as they ship. tracker-script.ts concatenates this file with tracker-main.js inside one
// function; keep it ES2017 and free of module syntax.

// The server's rule too (session-rules.ts): 30 minutes without hits end a visit.
var SESSION_IDLE_MS = 30 * 60 * 1000;
var UTM_KEYS = ["source", "medium", "campaign", "content", "term"];
var CLICK_IDS = ["yclid", "gclid", "fbclid"];

// At most maxLength UTF-16 units, never half an emoji: a cut inside a surrogate pair drops the pair
// (the server's truncateText, storable-text.ts, does the same to what reaches it).
function clipText(value, maxLength) {
  var text = String(value);
  if (text.length <= maxLength) return text;
  var last = text.charCodeAt(maxLength - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? maxLength - 1 : maxLength);
}

function clip(value) {
  return value ? clipText(String(value).trim(), 256) : "";
}

// UTM tags and ad click ids of a query string, without empty values.
function readCampaign(search) {
  var params = new URLSearchParams(search);
  var utm = {};
  var clickIds = {};
  UTM_KEYS.forEach(function (key) {
    var value = clip(params.get("utm_" + key));
    if (value) utm[key] = value;
  });
  CLICK_IDS.forEach(function (key) {
    var value = clip(params.get(key));
    if (value) clickIds[key] = value;
  });
  return { utm: utm, clickIds: clickIds };
}

// The marks that identify a campaign, as "source|campaign|yclid|gclid|fbclid"; "" when there are none.
function campaignKey(campaign) {
  var marks = [
    campaign.utm.source,
    campaign.utm.campaign,
    campaign.clickIds.yclid,
    campaign.clickIds.gclid,
    campaign.clickIds.fbclid,
  ];
  if (!marks.some(Boolean)) return "";
  return marks
    .map(function (mark) {
      return encodeURIComponent((mark || "").toLowerCase());
    })
    .join("|");
}

// A page brings a new campaign when one of its marks differs from the session's (a page without
// marks, e.g. an internal link, never does).
function isNewCampaign(sessionKey, pageKey) {
  if (!pageKey) return false;
  var session = sessionKey.split("|");
  return pageKey.split("|").some(function (mark, index) {
    return mark !== "" && mark !== session[index];
  });
}

// The session after a hit at `now`: the cached one, or a new one after 30 idle minutes or a new campaign.
function nextSession(cached, pageKey, now, createId) {
  if (cached && now - cached.lastSeen <= SESSION_IDLE_MS && !isNewCampaign(cached.key, pageKey)) {
    return { id: cached.id, key: cached.key, lastSeen: now, isNew: false };
  }
  return { id: createId(), key: pageKey, lastSeen: now, isNew: true };
}

// Cookie value "id.lastSeen(base 36).campaign key"; ids have no dots, the key goes last.
function encodeSession(session) {
  return session.id + "." + session.lastSeen.toString(36) + "." + session.key;
}

function decodeSession(value) {
  var match = /^([A-Za-z0-9_-]{8,64})\.([0-9a-z]+)\.(.*)$/.exec(value || "");
  return match ? { id: match[1], lastSeen: parseInt(match[2], 36), key: match[3] } : null;
}

function readCookie(cookies, name) {
  var found = "";
  String(cookies || "")
    .split(";")
    .forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at > 0 && pair.slice(0, at).trim() === name) found = pair.slice(at + 1).trim();
    });
  return found;
}

function hostAndPath(url) {
  return String(url)
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, "")
    .replace(/^www\./i, "")
    .toLowerCase();
}

// Patterns are "host[:port]/path" prefixes, e.g. "klientiks.ru/app/".
function matchesWidget(url, patterns) {
  var target = hostAndPath(url);
  return patterns.some(function (pattern) {
    var prefix = hostAndPath(pattern);
    return prefix !== "" && target.indexOf(prefix) === 0;
  });
}

// The URL with svyaz_sid set to the session id, before any #fragment (klientiks-contract §13.6).
function decorateUrl(url, sessionId) {
  var hashAt = url.indexOf("#");
  var base = hashAt < 0 ? url : url.slice(0, hashAt);
  var hash = hashAt < 0 ? "" : url.slice(hashAt);
  var param = "svyaz_sid=" + encodeURIComponent(sessionId);
  if (/[?&]svyaz_sid=[^&]*/.test(base)) {
    base = base.replace(/([?&])svyaz_sid=[^&]*/, "$1" + param);
  } else {
    base += (base.indexOf("?") < 0 ? "?" : /[?&]$/.test(base) ? "" : "&") + param;
  }
  return base + hash;
}

// "phone", "email" or "" for a form field described by its type, name, id, autocomplete and placeholder.
function contactKind(field) {
  var type = String(field.type || "").toLowerCase();
  if (type === "tel") return "phone";
  if (type === "email") return "email";
  if (type !== "text" && type !== "") return "";
  var hints = [field.name, field.id, field.autocomplete, field.placeholder].join(" ");
  if (/phone|(^|[^a-z])tel([^a-z]|$)|телефон/i.test(hints)) return "phone";
  if (/mail|почт/i.test(hints)) return "email";
  return "";
}

// E.164, with the Russian habits the server knows too (normalize-phone.ts); "" when not a phone.
function normalizePhone(value) {
  var digits = String(value).replace(/\D/g, "");
  if (digits.length === 11 && digits.charAt(0) === "8") return "+7" + digits.slice(1);
  if (digits.length === 10 && digits.charAt(0) === "9") return "+7" + digits;
  return digits.length >= 11 && digits.length <= 15 && digits.charAt(0) !== "0" ? "+" + digits : "";
}

function normalizeEmail(value) {
  var email = String(value).trim().toLowerCase();
  return email.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : "";
}

// 128 random bits as hex; Math.random only where the Web Crypto API is missing.
function randomId(cryptoApi) {
  var bytes = new Uint8Array(16);
  if (cryptoApi && cryptoApi.getRandomValues) {
    cryptoApi.getRandomValues(bytes);
  } else {
    for (var i = 0; i < bytes.length; i += 1) bytes[i] = Math.floor(Math.random() * 256);
  }
  return Array.prototype.map
    .call(bytes, function (byte) {
      return (byte < 16 ? "0" : "") + byte.toString(16);
    })
    .join("");
}

// Number substitution (docs/site-tracker.md, "Number substitution"). What may stand between two
// digits of a written phone: spaces (ordinary, non-breaking, thin), brackets, dots, hyphens and
// dashes, at most three in a row.
var PHONE_GAP = "[\\s().\\u2010-\\u2015-]{0,3}";

// Groups: the character before, the 8 / +7 / 7 prefix with its gap, the national ten digits. Never
// part of a longer run of digits: no digit (or "+") right before, no digit right after.
function phoneRegExp(national, flags) {
  return new RegExp("(^|[^\\d+])((?:\\+7|[78])" + PHONE_GAP + ")?(" + national + ")(?!\\d)", flags);
}

// The first phone-like run of 10 or 11 digits, for elements of the site's selector.
var ANY_PHONE = phoneRegExp("\\d(?:" + PHONE_GAP + "\\d){9}", "");

// All the site's numbers (E.164; their last ten digits count) in any of the formats above.
function targetsRegExp(numbers) {
  var nationals = numbers
    .map(function (number) {
      return String(number).replace(/\D/g, "").slice(-10);
    })
    .filter(function (digits) {
      return digits.length === 10;
    })
    .map(function (digits) {
      return digits.split("").join(PHONE_GAP);
    });
  return phoneRegExp(nationals.join("|") || "(?!)", "g");
}

// `text` showing `number` (+7 and ten digits) wherever `targets` match, and with isAny in its first
// phone-like run too: digits are swapped in place, so the prefix, spaces, brackets and dashes stay.
function swapPhones(text, number, targets, isAny) {
  var digits = number.slice(-10);
  function swap(all, before, prefix, national) {
    var at = 0;
    return (
      before +
      (prefix || "") +
      national.replace(/\d/g, function () {
        return digits.charAt(at++);
      })
    );
  }
  var out = text.replace(targets, swap);
  return isAny ? out.replace(ANY_PHONE, swap) : out;
}
