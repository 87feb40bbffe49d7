import { describe, expect, it } from "vitest";

import { isProviderLink } from "@/server/http/stream-recording";

describe("isProviderLink", () => {
  const provider = "https://api.zadarma.com";

  it("accepts a link on the provider's own host and scheme", () => {
    expect(
      isProviderLink("https://api.zadarma.com/v1/pbx/record/download/abc/rec.mp3", provider),
    ).toBe(true);
    expect(
      isProviderLink("http://127.0.0.1:4020/v1/pbx/record/download/x", "http://127.0.0.1:4020"),
    ).toBe(true);
  });

  it("refuses any other host, port, scheme or a link with credentials (R22)", () => {
    for (const link of [
      "https://169.254.169.254/latest/meta-data",
      "http://localhost/v1/x",
      "https://api.zadarma.com.evil.example/x",
      "https://evil.example/api.zadarma.com",
      "http://api.zadarma.com/v1/x",
      "https://api.zadarma.com:8443/v1/x",
      "https://user:pass@api.zadarma.com/v1/x",
      "file:///etc/passwd",
      "not a url",
      "",
    ])
      expect(isProviderLink(link, provider), link).toBe(false);
    expect(isProviderLink("http://127.0.0.1:4021/v1/x", "http://127.0.0.1:4020")).toBe(false);
  });
});
