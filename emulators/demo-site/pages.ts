// The demo customer site's pages: a salon landing and a price list carrying our tracker snippet the
// way a customer pastes it from Settings → Sites, and an explanation page for a bare visit.

import { escapeHtml, renderLayout } from "./html";

export type TDemoSiteConfig = {
  /** Svyaz's public URL: the snippet loads `${appUrl}/t.js` from it. */
  appUrl: string;
  /** The online-booking widget «Записаться онлайн» leads to (the Klientiks emulator's demo salon). */
  widgetUrl: string;
  /** The salon's own phone, +7 and ten digits: what call tracking swaps for its numbers. */
  phone: string;
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

/** The phone as people write it: `formatPhone("+74951234567", "8 (###) ###-##-##")`. */
export const formatPhone = (phone: string, pattern: string): string => {
  const digits = phone.replace(/\D/g, "").slice(-10);
  let at = 0;
  return pattern.replace(/#/g, () => digits.charAt(at++));
};

const header = (visit: TDemoVisit, config: TDemoSiteConfig): string => `<header>
  <a class="logo" href="${pageHref("/", visit)}">Салон «Лето»</a>
  <nav><a href="${pageHref("/", visit)}">Главная</a><a href="${pageHref("/prices", visit)}">Цены</a><a href="tel:${escapeHtml(config.phone)}" data-testid="site-phone-header">${formatPhone(config.phone, "+7 (###) ###-##-##")}</a></nav>
</header>`;

/** The salon's own widget sits next to the configured one (`…/app/united/{slug}`). */
const bookingLink = (config: TDemoSiteConfig, { salon }: TDemoVisit): string => {
  const widgetUrl = salon
    ? new URL(encodeURIComponent(salon), config.widgetUrl).href
    : config.widgetUrl;
  return `<a id="book" class="book" href="${escapeHtml(widgetUrl)}">Записаться онлайн</a>`;
};

/**
 * The salon's phone the ways sites write it, for call tracking to swap: in the footer, in a block
 * a script adds after 1.5 s (the number inside the script stays: the tracker never edits scripts),
 * and once inside `data-svyaz-keep`, which must stay as it is (docs/site-tracker.md, "Number substitution").
 */
const contacts = ({ phone }: TDemoSiteConfig): string => {
  const late = `Запись по телефону: ${formatPhone(phone, "+7 ### ### ## ##")}`;
  return `<p>Ежедневно с 10:00 до 21:00, тел. <span data-testid="site-phone-footer">${formatPhone(phone, "8 (###) ###-##-##")}</span></p>
  <p data-svyaz-keep data-testid="site-phone-kept">Бухгалтерия: ${formatPhone(phone, "8 ### ### ## ##")}</p>
  <div id="late-phone"></div>
  <script>setTimeout(function () { var block = document.createElement("p"); block.setAttribute("data-testid", "site-phone-late"); block.textContent = ${JSON.stringify(late)}; document.getElementById("late-phone").appendChild(block); }, 1500);</script>`;
};

/** Shows the visit's parameters, so whoever tries the demo sees which tags the tracker will read. */
const footer = ({ params }: TDemoVisit, config: TDemoSiteConfig): string => {
  const shown = [...params].filter(([name]) => !DEMO_PARAMS.has(name));
  const tags =
    shown.length === 0
      ? "без меток"
      : shown.map(([name, value]) => `${escapeHtml(name)}=${escapeHtml(value)}`).join(" · ");
  return `<footer>
  ${contacts(config)}
  <p>Демо-сайт для разработки Svyaz: на каждой странице — код отслеживания. Параметры перехода: <code>${tags}</code></p>
</footer>`;
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
    body: `${header(visit, config)}
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
${footer(visit, config)}`,
  });

export const renderPricesPage = (visit: TDemoVisit, config: TDemoSiteConfig): string =>
  renderLayout({
    title: "Цены — салон «Лето»",
    head: trackerSnippet(config.appUrl, visit.siteKey),
    body: `${header(visit, config)}
<main>
  <h1>Цены</h1>
  <table>
    ${PRICES.map(([name, price]) => `<tr><td>${name}</td><td>${price}</td></tr>`).join("\n    ")}
  </table>
  <p>${bookingLink(config, visit)} <a href="${pageHref("/", visit)}">← На главную</a></p>
</main>
${footer(visit, config)}`,
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
