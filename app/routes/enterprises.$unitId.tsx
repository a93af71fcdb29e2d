import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { OptionalEntry } from "~/components/optional-entry";
import { UNIT_FLAGS } from "~/domain/enterprise-register";
import { REGISTER_READERS } from "~/domain/roles";
import { parseId } from "~/utils/forms";
import { t, tKey } from "~/i18n";
import { unitPage } from "~/models/enterprises/register.server";
import { requireUser } from "~/session.server";
import { showDateTime } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.unit.name ?? t("register.title")} · ${t("app.shortName")}` },
];

/**
 * A registered unit and every case about it across kinds and years. A unit another township's user may
 * not see answers 404 like one that does not exist.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, REGISTER_READERS);
  const unitId = parseId(params.unitId);
  const page = unitId ? await unitPage(user, unitId) : null;
  if (!page) throw new Response(t("error.notFound"), { status: 404 });
  return page;
}

export default function Enterprise() {
  const { unit, cases, counts } = useLoaderData<typeof loader>();
  const flags = UNIT_FLAGS.filter((flag) => unit[flag]);
  return (
    <>
      <h1>{unit.name}</h1>
      <section className="panel" aria-labelledby="unit-fields-heading">
        <h2 id="unit-fields-heading">{t("register.unit")}</h2>
        <dl className="fields">
          <dt>{t("register.creditCode")}</dt>
          <dd>{unit.creditCode}</dd>
          <OptionalEntry term={t("register.formerNames")}>{unit.formerNames.join("、")}</OptionalEntry>
          <dt>{t("field.address")}</dt>
          <dd>{unit.address}</dd>
          <dt>{t("field.township")}</dt>
          <dd>{unit.township.name}</dd>
          <dt>{t("register.industry")}</dt>
          <dd>{unit.industry}</dd>
          <OptionalEntry term={t("register.permitNo")}>{unit.permitNo}</OptionalEntry>
          <OptionalEntry term={t("register.flags")}>{flags.map((flag) => tKey("register.flag", flag)).join("、")}</OptionalEntry>
        </dl>
      </section>
      <section className="panel" aria-labelledby="unit-cases-heading">
        <h2 id="unit-cases-heading">{t("register.cases")}</h2>
        <dl className="figures">
          <div>
            <dt id="unit-total">{t("register.casesTotal")}</dt>
            <dd aria-labelledby="unit-total">{counts.total}</dd>
          </div>
          <div>
            <dt id="unit-open">{t("register.casesOpen")}</dt>
            <dd aria-labelledby="unit-open">{counts.open}</dd>
          </div>
          <div>
            <dt id="unit-overdue">{t("register.casesOverdue")}</dt>
            <dd aria-labelledby="unit-overdue">{counts.overdue}</dd>
          </div>
        </dl>
        {cases.length === 0 ? (
          <p className="muted">{t("register.noCases")}</p>
        ) : (
          <table className="cases">
            <caption className="visually-hidden">{t("register.cases")}</caption>
            <thead>
              <tr>
                <th>{t("field.caseNo")}</th>
                <th>{t("field.kind")}</th>
                <th>{t("field.receivedAt")}</th>
                <th>{t("field.township")}</th>
                <th>{t("field.state")}</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((item) => (
                <tr key={item.caseNo}>
                  <td className="nowrap">
                    <Link to={`/cases/${item.caseNo}`}>{item.caseNo}</Link>
                  </td>
                  <td>{tKey("kind", item.kind)}</td>
                  <td className="nowrap">{showDateTime(item.receivedAt)}</td>
                  <td>{item.township.name}</td>
                  <td>
                    {tKey("state", item.state)}
                    {item.overdue ? <strong className="overdue-text"> {t("register.overdue")}</strong> : null}
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
