import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { trendChart } from "~/charts.server";
import { CaseTable, type ListedCase } from "~/components/case-table";
import { percent } from "~/models/statistics/figure-entries";
import { type MessageKey, t, tKey } from "~/i18n";
import { dispatcherDashboard, leaderDashboard, operatorDashboard, townshipDashboard } from "~/models/case/dashboards.server";
import { loadCaseVocabulary } from "~/models/reference/reference-data.server";
import { requireUser } from "~/session.server";
import { showDateTime } from "~/utils/format";

/** Each role's home: what to act on now (dispatcher, township), today's intake (operator), the year (leader). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const categoryNames = Object.fromEntries((await loadCaseVocabulary()).categories.map((c) => [c.code, c.name]));
  switch (user.role) {
    case "admin":
      throw redirect("/admin/users");
    case "operator":
      return { role: "operator" as const, categoryNames, operator: await operatorDashboard(user) };
    case "dispatcher":
      return { role: "dispatcher" as const, categoryNames, deadlines: await dispatcherDashboard(user) };
    case "township":
      return { role: "township" as const, categoryNames, deadlines: await townshipDashboard(user) };
    case "leader": {
      const leader = await leaderDashboard();
      const chart = trendChart(leader.thisYear.byMonth, leader.lastYear.byMonth, {
        thisYear: t("home.thisYear"),
        lastYear: t("home.lastYear"),
      });
      return { role: "leader" as const, categoryNames, leader: { ...leader, chart } };
    }
  }
}

function Tile({ label, value, to, note }: { label: string; value: string | number; to?: string; note?: string }) {
  return (
    <div data-tile={label}>
      <dt>{label}</dt>
      <dd>{to ? <Link to={to}>{value}</Link> : value}</dd>
      {note ? <dd className="muted tile-note">{note}</dd> : null}
    </div>
  );
}

function CaseSection({
  title,
  cases,
  empty,
  names,
}: {
  title: string;
  cases: ListedCase[];
  empty: string;
  names: Record<string, string>;
}) {
  return (
    <section className="panel">
      <h2>{title}</h2>
      {cases.length === 0 ? <p className="muted">{empty}</p> : <CaseTable cases={cases} categoryNames={names} />}
    </section>
  );
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function DeadlineDashboard({ data }: { data: Extract<Data, { deadlines: unknown }> }) {
  const d = data.deadlines;
  return (
    <>
      <h1>{t("home.title")}</h1>
      <dl className="figures">
        {"toAccept" in d ? <Tile label={t("home.toAccept")} value={d.toAccept} to="/dispatch" /> : null}
        {"toReview" in d ? <Tile label={t("home.toReview")} value={d.toReview} to="/dispatch" /> : null}
        {"inHand" in d ? <Tile label={t("home.inHand")} value={d.inHand} to="/inbox" /> : null}
        <Tile label={t("home.dueSoon")} value={d.dueSoonCount} />
        <Tile label={t("home.overdue")} value={d.overdueCount} to="/cases?overdue=1&sort=due_asc" />
      </dl>
      {d.sessions.length > 0 ? (
        <section className="panel" data-section="upcoming-sessions">
          <h2>{t("mediation.upcoming")}</h2>
          <table>
            <tbody>
              {d.sessions.map((session) => (
                <tr key={session.id}>
                  <td className="nowrap">{showDateTime(session.scheduledAt)}</td>
                  <td>{session.place}</td>
                  <td>
                    <Link to={`/cases/${session.case.caseNo}`}>{session.case.caseNo}</Link> {session.case.subject}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <CaseSection title={t("home.overdue")} cases={d.overdueCases} empty={t("home.noOverdue")} names={data.categoryNames} />
      <CaseSection title={t("home.dueSoon")} cases={d.dueSoonCases} empty={t("home.noDueSoon")} names={data.categoryNames} />
    </>
  );
}

function OperatorDashboard({ data }: { data: Extract<Data, { role: "operator" }> }) {
  const o = data.operator;
  return (
    <>
      <h1>{t("home.operatorTitle", { today: o.today })}</h1>
      <dl className="figures">
        <Tile label={t("home.intakeToday")} value={o.total} />
        {o.byKind.map((row) => (
          <Tile key={row.kind} label={tKey("kind", row.kind)} value={row.count} />
        ))}
      </dl>
      <section className="panel">
        <h2>{t("home.repeatCallers")}</h2>
        {o.repeatCallers.length === 0 ? (
          <p className="muted">{t("home.noRepeatCallers")}</p>
        ) : (
          <table data-section="repeat-callers">
            <caption className="muted">{t("home.repeatCallersIntro")}</caption>
            <thead>
              <tr>
                <th>{t("home.caller")}</th>
                <th>{t("home.phone")}</th>
                <th className="number">{t("home.caseCount")}</th>
                <th>{t("home.cases")}</th>
              </tr>
            </thead>
            <tbody>
              {o.repeatCallers.map((caller) => (
                <tr key={caller.phone}>
                  <td>{caller.name ?? "—"}</td>
                  <td>{caller.phone}</td>
                  <td className="number">{caller.count}</td>
                  <td>
                    {caller.caseNos.map((caseNo) => (
                      <Link key={caseNo} to={`/cases/${caseNo}`} className="case-link">
                        {caseNo}
                      </Link>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <CaseSection title={t("home.mineToday")} cases={o.mine} empty={t("home.noneToday")} names={data.categoryNames} />
    </>
  );
}

function LeaderDashboard({ data }: { data: Extract<Data, { role: "leader" }> }) {
  const { thisYear: now, lastYearToDate: before } = data.leader;
  const tiles: [MessageKey, string | number, string | number][] = [
    ["report.figure.received", now.received, before.received],
    ["report.figure.concluded", now.concluded, before.concluded],
    ["report.figure.onTimeRate", percent(now.onTimeRate), percent(before.onTimeRate)],
    ["report.figure.overdue", now.overdue, before.overdue],
    ["report.figure.openAtEnd", now.openAtEnd, before.openAtEnd],
    ["report.figure.overdueAtEnd", now.overdueAtEnd, before.overdueAtEnd],
  ];
  return (
    <>
      <h1>{t("home.yearSoFar", { year: data.leader.year, today: data.leader.today })}</h1>
      <p className="report-sentence">{now.sentence}</p>
      <dl className="figures">
        {tiles.map(([key, value, last]) => (
          <Tile key={key} label={t(key)} value={value} note={t("home.lastYearSame", { value: last })} />
        ))}
      </dl>
      <div className="charts">
        <figure className="chart">
          <figcaption>{t("home.trend")}</figcaption>
          <div dangerouslySetInnerHTML={{ __html: data.leader.chart }} />
        </figure>
        <section>
          <h2>{t("home.overdueByHandler")}</h2>
          {data.leader.overdueByHandler.length === 0 ? (
            <p className="muted">{t("home.noOverdue")}</p>
          ) : (
            <table data-section="overdue-by-handler">
              <tbody>
                {data.leader.overdueByHandler.map((row) => (
                  <tr key={row.name}>
                    <td>{row.name}</td>
                    <td className="number">{row.total}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p>
            <Link to="/supervision">{t("nav.supervision")}</Link> · <Link to="/reports">{t("home.fullReport")}</Link>
          </p>
        </section>
      </div>
    </>
  );
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  switch (data.role) {
    case "operator":
      return <OperatorDashboard data={data} />;
    case "leader":
      return <LeaderDashboard data={data} />;
    default:
      return <DeadlineDashboard data={data} />;
  }
}
