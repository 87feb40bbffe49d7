import { expect, test, type APIResponse } from "@playwright/test";

/** The width and height a PNG declares in its header (IHDR). */
async function pngSize(response: APIResponse) {
  const bytes = await response.body();
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

// `request` carries no session: these files are served past the sign-in gate.
test("robots.txt keeps crawlers out of the whole cabinet", async ({ request }) => {
  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  expect(robots.headers()["content-type"]).toContain("text/plain");
  expect(await robots.text()).toMatch(/^User-agent: \*\nDisallow: \/$/m);
});

test("the manifest names «Связь» and every icon it lists is served at its size", async ({
  request,
}) => {
  const response = await request.get("/manifest.webmanifest");
  expect(response.status()).toBe(200);
  const manifest = (await response.json()) as {
    name: string;
    start_url: string;
    icons: { src: string; sizes: string; type: string }[];
  };
  expect(manifest.name).toBe("Связь");
  expect(manifest.start_url).toBe("/");
  expect(manifest.icons.map((icon) => icon.sizes)).toEqual(["192x192", "512x512", "512x512"]);
  for (const icon of manifest.icons) {
    const file = await request.get(icon.src);
    expect(file.status(), icon.src).toBe(200);
    expect(file.headers()["content-type"], icon.src).toBe("image/png");
    const { width, height } = await pngSize(file);
    expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
  }
});

test("a page links the icons and the manifest and asks not to be indexed", async ({
  page,
  request,
}) => {
  await page.goto("/sign-in");
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  const hrefOf = (selector: string) => page.locator(selector).first().getAttribute("href");
  const links = {
    favicon: await hrefOf('link[rel="icon"][href^="/favicon.ico"]'),
    svgIcon: await hrefOf('link[rel="icon"][type="image/svg+xml"]'),
    appleTouch: await hrefOf('link[rel="apple-touch-icon"]'),
    manifest: await hrefOf('link[rel="manifest"]'),
  };
  expect(links.manifest).toBe("/manifest.webmanifest");
  for (const [name, href] of Object.entries(links)) {
    expect(href, name).toBeTruthy();
    const file = await request.get(href!);
    expect(file.status(), name).toBe(200);
  }
  const appleTouch = await request.get(links.appleTouch!);
  expect(await pngSize(appleTouch)).toEqual({ width: 180, height: 180 });
});
