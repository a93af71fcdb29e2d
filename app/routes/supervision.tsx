import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StateBadge } from "~/components/case-markers";
import { t, tKey } from "~/i18n";
import { localDateOf, localDaysBetween } from "~/domain/local-time";
import { LATENESS_BUCKETS } from "~/domain/supervision";
import { supervisionBoard } from "~/models/deadlines/supervision-board.server";
import { overdueReplies } from "~/models/transfers-out/reply-clock.server";
import { repeatReportRule, repeatReportsInForce } from "~/models/enterprises/repeat-reports.server";
import { overdueCards } from "~/models/enterprises/cards.server";
import { overdueReturns, problemCases } from "~/models/case/returns.server";
import { requireUser } from "~/session.server";
import { showDateTime } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["leader", "dispatcher"]);
  const now = new Date();
  const [board, transfers, repeatReports, cards, problems, returns] = await Promise.all([
    supervisionBoard(now),
    overdueReplies(now),
    repeatReportsInForce(now),
    overdueCards(now),
    problemCases(),
    overdueReturns(now),
  ]);
  return { ...board, transfers, repeatReports, cards, problems, returns, repeatRule: repeatReportRule(), now };
}

export default function SupervisionBoard() {
  const { rows, total, byHandler, transfers, repeatReports, cards, problems, returns, repeatRule, now } =
    useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("supervision.title")}</h1>
      <p className="muted">{t("supervision.intro")}</p>
      <section className="panel">
        <h2>{t("supervision.byTownship")}</h2>
        {byHandler.length === 0 ? (
          <p className="muted">{t("supervision.none")}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t("field.assignedTo")}</th>
                {LATENESS_BUCKETS.map((bucket) => (
                  <th key={bucket.key}>{t("supervision.daysLate", { days: bucket.key })}</th>
                ))}
                <th>{t("supervision.total")}</th>
              </tr>
            </thead>
            <tbody>
              {byHandler.map((row) => (
                <tr key={row.name}>
                  <td>{row.name}</td>
                  {LATENESS_BUCKETS.map((bucket) => (
                    <td key={bucket.key}>{row.counts[bucket.key] || ""}</td>
                  ))}
                  <td>
                    <strong>{row.total}</strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel">
        <h2>{t("supervision.cases", { count: total })}</h2>
        {total > rows.length ? (
          <p className="muted">
            {t("supervision.firstRows", { shown: rows.length })}{" "}
            <Link to="/cases?overdue=1&sort=due_asc">{t("supervision.allInList")}</Link>
          </p>
        ) : null}
        <table>
          <thead>
            <tr>
              <th>{t("field.caseNo")}</th>
              <th>{t("field.state")}</th>
              <th>{t("field.assignedTo")}</th>
              <th>{t("field.subject")}</th>
              <th>{t("field.due")}</th>
              <th>{t("supervision.late")}</th>
              <th>{t("field.instruction")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.caseNo} data-case-no={row.caseNo}>
                <td>
                  <Link to={`/cases/${row.caseNo}`}>{row.caseNo}</Link>
                  {row.supervised ? <span className="state state-overdue"> {t("action.supervision")}</span> : null}
                </td>
                <td>
                  <StateBadge state={row.state} overdue />
                </td>
                <td>{row.handler ?? row.township}</td>
                <td>{row.subject}</td>
                <td className="nowrap">{showDateTime(row.nextDueAt)}</td>
                <td>{t("supervision.daysLate", { days: row.daysLate })}</td>
                <td>
                  {row.instructions > 0 ? `${row.instructions}` : ""}
                  {row.unacknowledged > 0 ? ` (${t("case.notAcknowledged")} ${row.unacknowledged})` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel" aria-labelledby="repeat-reports-heading">
        <h2 id="repeat-reports-heading">{t("repeat.title")}</h2>
        <p className="muted">{t("repeat.intro", { days: repeatRule.windowDays, threshold: repeatRule.threshold })}</p>
        {repeatReports.length === 0 ? (
          <p className="muted">{t("repeat.none")}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t("register.name")}</th>
                <th>{t("field.township")}</th>
                <th>{t("repeat.count")}</th>
                <th>{t("repeat.raisedAt")}</th>
                <th>{t("repeat.until")}</th>
              </tr>
            </thead>
            <tbody>
              {repeatReports.map((warning) => (
                <tr key={`${warning.unitId}-${warning.raisedAt}`}>
                  <td>
                    <Link to={`/enterprises/${warning.unitId}`}>{warning.unit}</Link>
                  </td>
                  <td>{warning.township}</td>
                  <td>
                    <strong>{warning.count}</strong>
                  </td>
                  <td className="nowrap">{showDateTime(warning.raisedAt)}</td>
                  <td className="nowrap">{showDateTime(warning.windowEndsAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-labelledby="problem-cases-heading">
        <h2 id="problem-cases-heading">{t("supervision.problemCases", { count: problems.length })}</h2>
        <p className="muted">{t("supervision.problemCasesRule")}</p>
        {problems.length === 0 ? (
          <p className="muted">{t("supervision.noProblemCases")}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t("field.caseNo")}</th>
                <th>{t("field.subject")}</th>
                <th>{t("field.assignedTo")}</th>
                <th>{t("supervision.returns")}</th>
                <th>{t("supervision.unitChanges")}</th>
                <th>{t("supervision.problemSince")}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((item) => (
                <tr key={item.caseNo} data-problem-case={item.caseNo}>
                  <td className="nowrap">
                    <Link to={`/cases/${item.caseNo}`}>{item.caseNo}</Link>{" "}
                    <StateBadge state={item.state} overdue={item.overdue} />
                  </td>
                  <td>{item.subject}</td>
                  <td>{item.assignedTo?.name ?? t("common.none")}</td>
                  <td>{item.returns}</td>
                  <td>{item.unitChanges}</td>
                  <td className="nowrap">{showDateTime(item.problemSince)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-labelledby="overdue-returns-heading">
        <h2 id="overdue-returns-heading">{t("supervision.overdueReturns", { count: returns.length })}</h2>
        {returns.length === 0 ? (
          <p className="muted">{t("supervision.noOverdueReturns")}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t("field.caseNo")}</th>
                <th>{t("returns.ground")}</th>
                <th>{t("field.subject")}</th>
                <th>{t("supervision.returnedAt")}</th>
                <th>{t("returns.decideBy")}</th>
              </tr>
            </thead>
            <tbody>
              {returns.map((item) => (
                <tr key={item.id}>
                  <td className="nowrap">
                    <Link to={`/cases/${item.case.caseNo}#step-decideReturn`}>{item.case.caseNo}</Link>
                  </td>
                  <td>
                    {item.fromUnit.name}：{tKey("returnGround", item.ground)}
                  </td>
                  <td>{item.case.subject}</td>
                  <td className="nowrap">{showDateTime(item.returnedAt)}</td>
                  <td className="nowrap">{showDateTime(item.dueAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-labelledby="overdue-cards-heading">
        <h2 id="overdue-cards-heading">{t("card.boardTitle")}</h2>
        {cards.length === 0 ? (
          <p className="muted">{t("card.boardNone")}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t("register.name")}</th>
                <th>{t("field.township")}</th>
                <th>{t("card.colourLabel")}</th>
                <th>{t("card.issuedAt")}</th>
                <th>{t("card.rectifyBy")}</th>
                <th>{t("supervision.late")}</th>
              </tr>
            </thead>
            <tbody>
              {cards.map((card) => (
                <tr key={card.id}>
                  <td>
                    <Link to={`/enterprises/${card.unit.id}#cards`}>{card.unit.name}</Link>
                  </td>
                  <td>{card.unit.township.name}</td>
                  <td>{tKey("card.colour", card.colour)}</td>
                  <td className="nowrap">{showDateTime(card.issuedAt)}</td>
                  <td className="nowrap">{showDateTime(card.rectifyBy)}</td>
                  <td>
                    {t("supervision.daysLate", {
                      days: localDaysBetween(localDateOf(new Date(card.rectifyBy)), localDateOf(new Date(now))),
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-labelledby="overdue-replies-heading">
        <h2 id="overdue-replies-heading">{t("supervision.overdueReplies", { count: transfers.length })}</h2>
        {transfers.length === 0 ? (
          <p className="muted">{t("supervision.noOverdueReplies")}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t("field.caseNo")}</th>
                <th>{t("transfer.partner")}</th>
                <th>{t("field.subject")}</th>
                <th>{t("transfer.sentAt")}</th>
                <th>{t("transfer.replyDueAt")}</th>
                <th>{t("supervision.late")}</th>
              </tr>
            </thead>
            <tbody>
              {transfers.map((transfer) => (
                <tr key={transfer.id} data-transfer={transfer.id}>
                  <td>
                    <Link to={`/cases/${transfer.case.caseNo}`}>{transfer.case.caseNo}</Link>
                  </td>
                  <td>
                    {transfer.partner.name}（{tKey("transfer.modeShort", transfer.mode)}）
                  </td>
                  <td>{transfer.case.subject}</td>
                  <td className="nowrap">{showDateTime(transfer.sentAt)}</td>
                  <td className="nowrap">{showDateTime(transfer.replyDueAt)}</td>
                  <td>
                    {t("supervision.daysLate", {
                      days: localDaysBetween(localDateOf(new Date(transfer.replyDueAt)), localDateOf(new Date(now))),
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
