import { CREDIT_GRADE_COLOUR, type CreditGrade } from "~/domain/credit-grades";
import { t, tKey } from "~/i18n";
import { showDateTime } from "~/utils/format";

/** A year's credit grade in its colour, with its name (the colour is never the only sign). */
export function CreditGradeBadge({ grade, year }: { grade: string; year: number }) {
  const colour = CREDIT_GRADE_COLOUR[grade as CreditGrade] ?? "blue";
  return (
    <span className={`credit-grade credit-grade-${colour}`}>
      {t("credit.badge", { year, grade: tKey("credit.grade", grade) })}
    </span>
  );
}

/** The repeat-report warnings that count a complaint, as its page says them. */
export function RepeatWarningNote({
  warnings,
}: {
  warnings: readonly { raisedAt: string | Date; windowEndsAt: string | Date; count: number; inForce: boolean }[];
}) {
  if (warnings.length === 0) return null;
  return (
    <ul className="flash flash-warning repeat-warnings" aria-label={t("repeat.title")}>
      {warnings.map((warning) => (
        <li key={String(warning.raisedAt)}>
          {t("repeat.onCase", { date: showDateTime(warning.raisedAt), count: warning.count })}
          {warning.inForce ? t("repeat.onCaseInForce", { until: showDateTime(warning.windowEndsAt) }) : null}
        </li>
      ))}
    </ul>
  );
}
