import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { REGISTER_READERS } from "~/domain/roles";
import { t } from "~/i18n";
import { searchUnits } from "~/models/enterprises/register.server";
import { requireUser } from "~/session.server";
import { searchParamsOf } from "~/utils/request-input.server";

export const meta: MetaFunction = () => [{ title: `${t("register.title")} · ${t("app.shortName")}` }];

/** 企业名录: the register searched by name, former name or code; township staff see their township's units. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, REGISTER_READERS);
  const q = (searchParamsOf(request).get("q") ?? "").trim().slice(0, 100);
  return { q, units: await searchUnits(user, q, 100), isAdmin: user.role === "admin" };
}

export default function Enterprises() {
  const { q, units, isAdmin } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("register.title")}</h1>
      <p className="muted">
        {t("register.intro")} {isAdmin ? <Link to="/admin/enterprises">{t("register.import")}</Link> : null}
      </p>
      <Form method="get" className="panel filters" role="search" aria-label={t("register.search")}>
        <div className="field" style={{ gridColumn: "span 2" }}>
          <label htmlFor="register-q">{t("register.search")}</label>
          <input id="register-q" name="q" type="search" defaultValue={q} />
        </div>
        <div className="actions-row">
          <button type="submit">{t("knowledge.find")}</button>
        </div>
      </Form>
      {units.length === 0 ? (
        <p className="muted">{t("register.none")}</p>
      ) : (
        <table className="cases">
          <caption className="visually-hidden">{t("register.title")}</caption>
          <thead>
            <tr>
              <th>{t("register.name")}</th>
              <th>{t("register.creditCode")}</th>
              <th>{t("field.township")}</th>
              <th>{t("register.industry")}</th>
              <th>{t("field.address")}</th>
            </tr>
          </thead>
          <tbody>
            {units.map((unit) => (
              <tr key={unit.id}>
                <td>
                  <Link to={`/enterprises/${unit.id}`}>{unit.name}</Link>
                </td>
                <td className="nowrap">{unit.creditCode}</td>
                <td>{unit.township.name}</td>
                <td>{unit.industry}</td>
                <td>{unit.address}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
