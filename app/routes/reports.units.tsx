import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { UnitRankingTables } from "~/components/unit-ranking";
import { localDateOf } from "~/domain/local-time";
import { REPORT_READERS } from "~/domain/roles";
import { RANKING_GRANULARITIES, UNIT_RATES, rankingKeyOf } from "~/domain/unit-figures";
import { parseRankingQuery } from "~/forms/ranking";
import { t, tKey } from "~/i18n";
import { unitRankingView } from "~/models/statistics/unit-figures.server";
import { rankingLabel } from "~/models/statistics/figure-entries";
import { requireUser } from "~/session.server";
import { badRequest, searchParamsOf } from "~/utils/request-input.server";

export const meta: MetaFunction = () => [{ title: `${t("ranking.title")} · ${t("app.shortName")}` }];

/** `/reports/units?period=2026-11&by=concludedOnTime`: the units ranked by one rate for a month, quarter or year. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, REPORT_READERS);
  const today = localDateOf(new Date());
  const query = parseRankingQuery(searchParamsOf(request), today);
  if ("error" in query) throw badRequest(t(query.error));
  const { ranking, by } = query;
  return {
    key: ranking.key,
    by,
    view: await unitRankingView(ranking.period, by),
    // One link per granularity to the period that holds today, and the one before it.
    shortcuts: RANKING_GRANULARITIES.map((granularity) => ({ granularity, key: rankingKeyOf(today, granularity) })),
  };
}

export default function UnitRankingPage() {
  const { key, by, view, shortcuts } = useLoaderData<typeof loader>();
  return (
    <article className="report">
      <h1>{t("ranking.periodTitle", { period: rankingLabel(key) })}</h1>
      <p className="muted">{t("ranking.intro")}</p>
      <div className="report-tools no-print">
        <Form method="get" className="report-range ranking-query" key={`${key}-${by}`}>
          <label>
            {t("ranking.period")}
            <input type="text" name="period" defaultValue={key} required aria-describedby="period-hint" />
          </label>
          <label>
            {t("ranking.by")}
            <select name="by" defaultValue={by}>
              {UNIT_RATES.map((rate) => (
                <option key={rate} value={rate}>
                  {tKey("ranking.rate", rate)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t("ranking.show")}</button>
          <span id="period-hint" className="muted">
            {t("ranking.periodHint")}
          </span>
        </Form>
        <nav className="report-years" aria-label={t("ranking.granularity")}>
          {shortcuts.map((shortcut) => (
            <Link
              key={shortcut.key}
              to={`?period=${shortcut.key}&by=${by}`}
              aria-current={shortcut.key === key ? "page" : undefined}
            >
              {tKey("ranking.granularity", shortcut.granularity)} {shortcut.key}
            </Link>
          ))}
        </nav>
        <div className="report-actions">
          <a href={`/reports/units/xlsx?period=${key}&by=${by}`} download>
            {t("ranking.download")}
          </a>
        </div>
      </div>
      <UnitRankingTables ranking={view} />
    </article>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
