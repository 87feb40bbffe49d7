/**
 * Obvious robots by their user agent: crawlers, link previewers, HTTP libraries and headless
 * browsers. Anything subtler is not worth the cost on every hit; a robot that passes still cannot
 * do more than a visitor, and is rate-limited like one.
 */
// "bot" only before "/", ";", ")" or "-", or as a word: phones named CUBOT are people.
const BOT_USER_AGENT =
  /bot[/;)-]|\bbot\b|crawl|spider|slurp|scrap|headless|lighthouse|pagespeed|preview|facebookexternalhit|yandex(metrika|direct|images|webmaster)|curl\/|wget\/|python|java\/|go-http|okhttp|axios|node-fetch|undici|libwww|httpclient|phantomjs|selenium|puppeteer|playwright|monitor|uptime|pingdom/i;

export const isBotUserAgent = (userAgent: string | null): boolean =>
  !userAgent || userAgent.length < 10 || BOT_USER_AGENT.test(userAgent);
