import { describe, expect, it } from "vitest";

import { answerDemoSiteRequest } from "./answer-request";

const CONFIG = {
  appUrl: "http://localhost:3000/",
  widgetUrl: "http://127.0.0.1:4010/app/united/demo-salon",
  phone: "+74951234567",
};
const SITE_KEY = "AbCdEfGhIjKlMnOpQrSt_-";
const get = (url: string) => answerDemoSiteRequest("GET", url, CONFIG);

describe("demo customer site", () => {
  it("puts the snippet exactly as Settings → Sites shows it, and the booking link, on the landing", () => {
    const answer = get(
      `/?site=${SITE_KEY}&utm_source=yandex&utm_campaign=demo_autumn&yclid=123456`,
    );
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(answer.body).toContain(
      `<script async src="http://localhost:3000/t.js" data-site="${SITE_KEY}"></script>`,
    );
    expect(answer.body).toContain(
      `<a id="book" class="book" href="${CONFIG.widgetUrl}">Записаться онлайн</a>`,
    );
    expect(answer.body).toContain("utm_campaign=demo_autumn");
    expect(answer.body).toContain(`href="/prices?site=${SITE_KEY}"`);
  });

  it("serves the price list with the same snippet and a link back to the landing", () => {
    const answer = get(`/prices?site=${SITE_KEY}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain(`data-site="${SITE_KEY}"`);
    expect(answer.body).toContain(`href="/?site=${SITE_KEY}"`);
    expect(answer.body).toContain('id="book"');
  });

  it("books through the workspace's own emulator salon when the link names it, on every page", () => {
    const landing = get(`/?site=${SITE_KEY}&salon=a1b2c3d4e5f6&utm_source=yandex`);
    expect(landing.body).toContain(
      'href="http://127.0.0.1:4010/app/united/a1b2c3d4e5f6">Записаться онлайн</a>',
    );
    expect(landing.body).toContain(`href="/prices?site=${SITE_KEY}&amp;salon=a1b2c3d4e5f6"`);
    expect(landing.body).toContain("<code>utm_source=yandex</code>");
    expect(get(`/prices?site=${SITE_KEY}&salon=a1b2c3d4e5f6`).body).toContain(
      "/app/united/a1b2c3d4e5f6",
    );
  });

  it("shows the salon's phone in several formats on every page: a link, the footer, a kept one and one added later", () => {
    for (const path of ["/", "/prices"]) {
      const { body } = answerDemoSiteRequest("GET", `${path}?site=${SITE_KEY}`, {
        ...CONFIG,
        phone: "+78125550102",
      });
      expect(body).toContain(
        '<a href="tel:+78125550102" data-testid="site-phone-header">+7 (812) 555-01-02</a>',
      );
      expect(body).toContain('<span data-testid="site-phone-footer">8 (812) 555-01-02</span>');
      expect(body).toContain(
        '<p data-svyaz-keep data-testid="site-phone-kept">Бухгалтерия: 8 812 555 01 02</p>',
      );
      expect(body).toContain('block.setAttribute("data-testid", "site-phone-late")');
      expect(body).toContain('"Запись по телефону: +7 812 555 01 02"');
    }
  });

  it("escapes every query value it puts into the page", () => {
    const hostile = `"><script>alert(1)</script>`;
    const answer = get(
      `/?site=${encodeURIComponent(hostile)}&utm_source=${encodeURIComponent(hostile)}&${encodeURIComponent(hostile)}=1`,
    );
    expect(answer.body).not.toContain("<script>alert(1)</script>");
    expect(answer.body).toContain('data-site="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(answer.body).toContain("utm_source=&quot;&gt;&lt;script&gt;");
  });

  it("explains itself, without a snippet, when no site key is given", () => {
    for (const url of ["/", "/?site=%20", "/prices?utm_source=yandex"]) {
      const answer = get(url);
      expect(answer.status).toBe(200);
      expect(answer.body).not.toContain("t.js");
      expect(answer.body).toContain("Открыть демо-страницу как переход из рекламы");
    }
  });

  it("answers other paths with 404 and other methods with 405", () => {
    expect(get("/missing?site=x").status).toBe(404);
    expect(get("/favicon.ico").status).toBe(204);
    expect(answerDemoSiteRequest("POST", "/", CONFIG)).toMatchObject({
      status: 405,
      headers: { allow: "GET, HEAD" },
    });
  });
});
