// The demo customer site's pages: a salon landing and a price list carrying our tracker snippet the
// way a customer pastes it from Settings → Sites, and an explanation page for a bare visit.

import { escapeHtml, renderLayout } from "./html";

export type TDemoSiteConfig = {
  /** Svyaz's public URL: the snippet loads `${appUrl}/t.js` from it. */
  appUrl: string;
  /** The online-booking widget «Записаться онлайн» leads to (the Klientiks emulator's demo salon). */
  widgetUrl: string;
};

/**
 * What the visitor arrived with: the site key, the widget slug of the workspace's own emulator salon
 * (`salon`, when it has one) and the rest of the query (UTM tags, click ids…).
 */
export type TDemoVisit = { siteKey: string; salon: string | null; params: URLSearchParams };

/** Parameters that configure the demo rather than describe the visit. */
const DEMO_PARAMS = new Set(["site", "salon"]);

/** Byte for byte the snippet Settings → Sites shows (site-card.tsx), so the demo proves the real thing. */
export const trackerSnippet = (appUrl: string, siteKey: string): string =>
  `<script async src="${escapeHtml(`${appUrl.replace(/\/+$/, "")}/t.js`)}" data-site="${escapeHtml(siteKey)}"></script>`;

/**
 * Links between the demo pages keep only the site key and the salon: the snippet needs the key on
 * every page, while the ad's UTM tags belong to the landing alone (the tracker keeps them for the rest of the visit).
 */
const pageHref = (path: string, { siteKey, salon }: TDemoVisit): string =>
  escapeHtml(
    `${path}?site=${encodeURIComponent(siteKey)}${salon ? `&salon=${encodeURIComponent(salon)}` : ""}`,
  );

const header = (visit: TDemoVisit): string => `<header>
  <a class="logo" href="${pageHref("/", visit)}">Салон «Лето»</a>
  <nav><a href="${pageHref("/", visit)}">Главная</a><a href="${pageHref("/prices", visit)}">Цены</a></nav>
</header>`;

/** The salon's own widget sits next to the configured one (`…/app/united/{slug}`). */
const bookingLink = (config: TDemoSiteConfig, { salon }: TDemoVisit): string => {
  const widgetUrl = salon
    ? new URL(encodeURIComponent(salon), config.widgetUrl).href
    : config.widgetUrl;
  return `<a id="book" class="book" href="${escapeHtml(widgetUrl)}">Записаться онлайн</a>`;
};

/** Shows the visit's parameters, so whoever tries the demo sees which tags the tracker will read. */
const footer = ({ params }: TDemoVisit): string => {
  const shown = [...params].filter(([name]) => !DEMO_PARAMS.has(name));
  const tags =
    shown.length === 0
      ? "без меток"
      : shown.map(([name, value]) => `${escapeHtml(name)}=${escapeHtml(value)}`).join(" · ");
  return `<footer>Демо-сайт для разработки Svyaz: на каждой странице — код отслеживания. Параметры перехода: <code>${tags}</code></footer>`;
};

const SERVICES = [
  {
    name: "Стрижка и укладка",
    text: "Мастер подберёт форму под ваш тип волос и покажет, как укладывать дома.",
  },
  {
    name: "Окрашивание",
    text: "Сложные техники и бережные красители, консультация колориста в подарок.",
  },
  { name: "Маникюр", text: "Аппаратный маникюр с покрытием, стерильные инструменты, 60 минут." },
];

const PRICES = [
  ["Женская стрижка", "2 500 ₽"],
  ["Мужская стрижка", "1 500 ₽"],
  ["Окрашивание в один тон", "4 800 ₽"],
  ["Маникюр с покрытием", "2 200 ₽"],
  ["Укладка", "1 800 ₽"],
] as const;

export const renderLandingPage = (visit: TDemoVisit, config: TDemoSiteConfig): string =>
  renderLayout({
    title: "Салон «Лето» — стрижки, окрашивание, маникюр",
    head: trackerSnippet(config.appUrl, visit.siteKey),
    body: `${header(visit)}
<main>
  <section class="hero">
    <h1>Осенняя скидка 20% на первый визит</h1>
    <p>Стрижки, окрашивание и маникюр в центре города. Выберите мастера и удобное время — запись займёт минуту.</p>
    ${bookingLink(config, visit)}
  </section>
  <section class="cards">
    ${SERVICES.map((service) => `<div class="card"><h3>${service.name}</h3><p>${service.text}</p></div>`).join("\n    ")}
  </section>
</main>
${footer(visit)}`,
  });

export const renderPricesPage = (visit: TDemoVisit, config: TDemoSiteConfig): string =>
  renderLayout({
    title: "Цены — салон «Лето»",
    head: trackerSnippet(config.appUrl, visit.siteKey),
    body: `${header(visit)}
<main>
  <h1>Цены</h1>
  <table>
    ${PRICES.map(([name, price]) => `<tr><td>${name}</td><td>${price}</td></tr>`).join("\n    ")}
  </table>
  <p>${bookingLink(config, visit)} <a href="${pageHref("/", visit)}">← На главную</a></p>
</main>
${footer(visit)}`,
  });

/** Without a site key there is no snippet to render: say where the proper link comes from. */
export const renderNoSitePage = (): string =>
  renderLayout({
    title: "Демо-сайт клиента Svyaz",
    body: `<div class="notice">
  <h1>Демо-сайт клиента</h1>
  <p>Этот сервер изображает сайт салона, на который вставлен код отслеживания Svyaz. Ему нужен ключ сайта: <code>/?site=&lt;ключ&gt;</code>.</p>
  <p>Откройте Svyaz → Настройки → Сайты, добавьте сайт с доменом <code>127.0.0.1</code> и нажмите в его карточке «Открыть демо-страницу как переход из рекламы».</p>
</div>`,
  });
