"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

import { cn } from "@/lib/cn";
import { formatClockDuration } from "@/lib/format-duration";

export const PLAYBACK_SPEEDS = [1, 1.25, 1.5, 2] as const;

type TRecordingState = "none" | "pending" | "ready" | "unavailable";

/** Where the browser gets a call's audio: our proxy, which asks the provider for a fresh link each time (R22). */
export const recordingSrc = (
  callId: string,
  { download = false }: { download?: boolean } = {},
): string => `/api/recordings/${encodeURIComponent(callId)}${download ? "?download=1" : ""}`;

const BUTTON_CLASS =
  "inline-flex h-9 items-center justify-center rounded-md border border-slate-300 bg-white px-2.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500";

/**
 * A call's recording: play and pause, a seek bar (the audio element asks the proxy for byte ranges,
 * so a jump to the end does not download the whole file), speed 1×–2×, and a download link. While
 * the provider prepares the file, and when there is none, it says so instead. Nothing loads until
 * the first play: each load asks the provider for a link, and a client page lists many calls.
 */
export function RecordingPlayer({
  callId,
  recordingState,
  durationHint,
}: {
  callId: string;
  recordingState: TRecordingState;
  durationHint?: number | null;
}) {
  const t = useTranslations("calls.player");
  if (recordingState !== "ready") {
    const message = { none: t("none"), pending: t("pending"), unavailable: t("unavailable") }[
      recordingState
    ];
    return (
      <p
        data-testid="recording-player"
        data-recording-state={recordingState}
        className={cn(
          "text-sm",
          recordingState === "pending" ? "text-amber-700" : "text-slate-500",
        )}
      >
        {message}
      </p>
    );
  }
  return <ReadyPlayer callId={callId} durationHint={durationHint ?? null} />;
}

function ReadyPlayer({ callId, durationHint }: { callId: string; durationHint: number | null }) {
  const t = useTranslations("calls.player");
  const audioRef = useRef<HTMLAudioElement>(null);
  const [isPlaying, setIsPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const [duration, setDuration] = useState<number | null>(durationHint);
  const [speed, setSpeed] = useState<(typeof PLAYBACK_SPEEDS)[number]>(1);
  const [hasError, setHasError] = useState(false);

  useEffect(() => {
    if (audioRef.current) audioRef.current.playbackRate = speed;
  }, [speed]);

  const toggle = async () => {
    const audio = audioRef.current;
    if (!audio) return;
    if (!audio.paused) return audio.pause();
    setHasError(false);
    try {
      await audio.play();
    } catch {
      setHasError(true);
    }
  };
  const seek = (seconds: number) => {
    if (audioRef.current) audioRef.current.currentTime = seconds;
    setPosition(seconds);
  };
  const total = duration ?? 0;
  const positionText = t("position", {
    current: formatClockDuration(position) ?? "0:00",
    total: formatClockDuration(duration) ?? "—",
  });

  return (
    <div
      role="group"
      aria-label={t("label")}
      data-testid="recording-player"
      data-recording-state="ready"
      className="space-y-2"
    >
      <audio
        ref={audioRef}
        src={recordingSrc(callId)}
        preload="none"
        onPlay={() => setIsPlaying(true)}
        onPause={() => setIsPlaying(false)}
        onEnded={() => setIsPlaying(false)}
        onTimeUpdate={(event) => setPosition(event.currentTarget.currentTime)}
        onLoadedMetadata={(event) => {
          // A stream of unknown length reports Infinity; the call's talk time stands in until it is known.
          if (Number.isFinite(event.currentTarget.duration))
            setDuration(event.currentTarget.duration);
          event.currentTarget.playbackRate = speed;
        }}
        onError={() => setHasError(true)}
      />
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={() => void toggle()}
          aria-label={isPlaying ? t("pause") : t("play")}
          data-testid="recording-toggle"
          className={cn(BUTTON_CLASS, "w-24 gap-1.5")}
        >
          <span aria-hidden="true">{isPlaying ? "❚❚" : "▶"}</span>
          {isPlaying ? t("pause") : t("play")}
        </button>
        <input
          type="range"
          min={0}
          max={total || 0}
          step={0.1}
          value={Math.min(position, total || position)}
          disabled={!total}
          onChange={(event) => seek(Number(event.target.value))}
          aria-label={t("seek")}
          aria-valuetext={positionText}
          data-testid="recording-seek"
          className="h-2 min-w-40 flex-1 cursor-pointer accent-brand-600 disabled:cursor-not-allowed"
        />
        <span className="whitespace-nowrap text-xs tabular-nums text-slate-600" aria-hidden="true">
          {positionText}
        </span>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <div
          role="group"
          aria-label={t("speed")}
          className="inline-flex overflow-hidden rounded-md border border-slate-300"
        >
          {PLAYBACK_SPEEDS.map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={speed === option}
              onClick={() => setSpeed(option)}
              className={cn(
                "h-8 px-2.5 text-xs font-medium focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-500",
                speed === option
                  ? "bg-brand-600 text-white"
                  : "bg-white text-slate-700 hover:bg-slate-50",
              )}
            >
              {t("speedOption", { speed: option })}
            </button>
          ))}
        </div>
        <a
          href={recordingSrc(callId, { download: true })}
          download
          className="text-sm font-medium text-brand-700 hover:underline"
        >
          {t("download")}
        </a>
      </div>
      {hasError ? (
        <p role="alert" className="text-sm text-red-700">
          {t("error")}
        </p>
      ) : null}
    </div>
  );
}
