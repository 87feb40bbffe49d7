import { z } from "zod";

import { toStorableText, truncateText } from "@/lib/text/storable-text";
import type { TCampaignMarks } from "@/server/domain/sites/derive-session-attribution";

/** Ids the tracker generates (visitor, session) and site keys: short, URL-safe. */
const ZToken = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
/**
 * Free text of the page (URLs, title, tags), cleaned of what PostgreSQL cannot store before anything
 * else looks at it: the hit is recorded after the answer, so a refusal there would lose it silently
 * (docs/input-text.md).
 */
const ZPageText = z.string().transform(toStorableText);
const ZHttpUrl = ZPageText.pipe(
  z
    .string()
    .max(2048)
    .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), "url"),
);
/** Longer values are cut, not refused (a page view matters more than its tag), between characters. */
const cutText = (maxLength: number) =>
  ZPageText.transform((value) => truncateText(value.trim(), maxLength));
/** One UTM value or click id. */
const ZMark = cutText(256).optional();

const ZHitBase = z.object({
  siteKey: ZToken,
  visitorId: ZToken,
  sessionId: ZToken,
  url: ZHttpUrl,
  referrer: ZHttpUrl.nullish().catch(null),
  utm: z
    .object({ source: ZMark, medium: ZMark, campaign: ZMark, content: ZMark, term: ZMark })
    .partial()
    .default({}),
  clickIds: z.object({ yclid: ZMark, gclid: ZMark, fbclid: ZMark }).partial().default({}),
});

/**
 * `POST /api/track` bodies, as `/t.js` sends them. Contacts arrive normalized by the tracker and are
 * checked again here: an E.164 phone and/or an e-mail, never raw form input (both patterns are
 * ASCII, so neither lets an unstorable character through).
 */
export const ZTrackHitSchema = z.discriminatedUnion("type", [
  ZHitBase.extend({ type: z.literal("pageview"), title: cutText(300).optional() }),
  ZHitBase.extend({ type: z.literal("widget_open"), widgetUrl: ZHttpUrl }),
  ZHitBase.extend({
    type: z.literal("contact"),
    phone: z
      .string()
      .regex(/^\+[1-9]\d{9,14}$/)
      .optional(),
    email: z
      .email()
      .max(254)
      .transform((value) => value.toLowerCase())
      .optional(),
  }).refine((hit) => hit.phone ?? hit.email, "contact"),
]);
export type TTrackHit = z.infer<typeof ZTrackHitSchema>;

const orNull = (value: string | undefined): string | null => value || null;

export const campaignMarksOf = (hit: TTrackHit): TCampaignMarks => ({
  utmSource: orNull(hit.utm.source),
  utmMedium: orNull(hit.utm.medium),
  utmCampaign: orNull(hit.utm.campaign),
  utmContent: orNull(hit.utm.content),
  utmTerm: orNull(hit.utm.term),
  yclid: orNull(hit.clickIds.yclid),
  gclid: orNull(hit.clickIds.gclid),
  fbclid: orNull(hit.clickIds.fbclid),
});
