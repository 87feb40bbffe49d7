const UNDEFINED_CHANNEL_COLOUR = "#94a3b8"; // slate-400

/**
 * One colour per traffic channel (Tailwind's 500–600 shades), the same in every chart and on every
 * day, so a channel is recognised without reading the legend. "" is «Не определён».
 */
const CHANNEL_COLOURS: Record<string, string> = {
  paid: "#2563eb", // blue-600
  organic: "#10b981", // emerald-500
  social: "#ec4899", // pink-500
  referral: "#8b5cf6", // violet-500
  direct: "#0ea5e9", // sky-500
  email: "#f59e0b", // amber-500
  other: "#f97316", // orange-500
  "": UNDEFINED_CHANNEL_COLOUR,
};

/**
 * The stacking order: paid at the bottom of each bar, where its share reads best, then the rest as
 * listed, then any new channel by name.
 */
const KNOWN_CHANNELS = Object.keys(CHANNEL_COLOURS);

export const colourOfChannel = (channel: string): string =>
  CHANNEL_COLOURS[channel] ?? UNDEFINED_CHANNEL_COLOUR;

export function inStackingOrder(channels: Iterable<string>): string[] {
  const rank = (channel: string) => {
    const index = KNOWN_CHANNELS.indexOf(channel);
    return index === -1 ? KNOWN_CHANNELS.length : index;
  };
  return [...new Set(channels)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
