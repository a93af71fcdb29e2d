import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { t } from "~/i18n";

interface FollowedJob {
  state: "waiting" | "active" | "completed" | "failed" | "missing";
  progress: { phase: string; done: number; total: number } | null;
  error: string | null;
}

/** Whether a worker's import is still running; while it is, the page asks for its progress every second. */
export function useFollowedJob(job: FollowedJob | null) {
  const revalidator = useRevalidator();
  const running = job !== null && (job.state === "waiting" || job.state === "active");
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1000);
    return () => clearInterval(timer);
  }, [running, revalidator]);
  return running;
}

/** A worker's import as it goes (phase, bar, rows), or why it stopped. */
export function ImportProgress({ job, phaseLabel }: { job: FollowedJob | null; phaseLabel: (phase: string) => string }) {
  const running = useFollowedJob(job);
  const progress = job?.progress;
  return (
    <>
      {running ? (
        <section className="panel" aria-live="polite" aria-label={t("import.progress")}>
          <p>{phaseLabel(progress?.phase ?? "reading")}</p>
          <progress className="progress" max={progress?.total || 1} value={progress?.done ?? 0} />
          <p className="muted">{progress && progress.total > 0 ? `${progress.done} / ${progress.total}` : null}</p>
        </section>
      ) : null}
      {job?.state === "failed" ? <p className="error">{t("import.failed", { error: job.error ?? "" })}</p> : null}
      {job?.state === "missing" ? <p className="error">{t("import.missingJob")}</p> : null}
    </>
  );
}
