import { z } from "zod";
import type { TCampaignMarks } from "@/server/domain/sites/derive-session-attribution";

/** Ids the tracker generates (visitor, session) and site keys: short, URL-safe. */
const ZToken = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const ZHttpUrl = z.string().max(2048).refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), "url");
/** One UTM value or click id; longer ones are cut, not refused (a page view matters more than a tag). */
const ZMark = z.string().transform((value) => value.trim().slice(0, 256)).optional();

const ZHitBase = z.object({
  siteKey: ZToken,
  visitorId: ZToken,
  sessionId: ZToken,
  url: ZHttpUrl,
  referrer: ZHttpUrl.nullish().catch(null),
  utm: z.object({ source: ZMark, medium: ZMark, campaign: ZMark, content: ZMark, term: ZMark }).partial().default({}),
  clickIds: z.object({ yclid: ZMark, gclid: ZMark, fbclid: ZMark }).partial().default({}),
});

/**
 * `POST /api/track` bodies, as `/t.js` sends them. Contacts arrive normalized by the tracker and are
 * checked again here: an E.164 phone and/or an e-mail, never raw form input.
 */
export const ZTrackHitSchema = z.discriminatedUnion("type", [
  ZHitBase.extend({ type: z.literal("pageview"), title: z.string().transform((value) => value.slice(0, 300)).optional() }),
  ZHitBase.extend({ type: z.literal("widget_open"), widgetUrl: ZHttpUrl }),
  ZHitBase.extend({
    type: z.literal("contact"),
    phone: z.string().regex(/^\+[1-9]\d{9,14}$/).optional(),
    email: z.email().max(254).transform((value) => value.toLowerCase()).optional(),
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
