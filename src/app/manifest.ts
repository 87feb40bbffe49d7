import type { MetadataRoute } from "next";

import messages from "../../messages/ru.json";

/** The brand blue of the icons (Tailwind's brand-600) and the page background (slate-50). */
const BRAND_COLOR = "#1d5ef1";
const BACKGROUND_COLOR = "#f8fafc";

/**
 * The web app manifest (`/manifest.webmanifest`), for «add to home screen». It is one static file
 * for every visitor, so it speaks the default language, Russian, as the product's name «Связь» does.
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: messages.common.appName,
    short_name: messages.common.appName,
    description: messages.common.tagline,
    lang: "ru",
    start_url: "/",
    display: "standalone",
    background_color: BACKGROUND_COLOR,
    theme_color: BRAND_COLOR,
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png" },
      {
        src: "/icons/icon-maskable-512.png",
        sizes: "512x512",
        type: "image/png",
        purpose: "maskable",
      },
    ],
  };
}
