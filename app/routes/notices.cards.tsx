import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { bureauOf } from "~/config.server";
import { t } from "~/i18n";
import { publicCardRows } from "~/models/enterprises/cards.server";

export const meta: MetaFunction = () => [{ title: t("notices.title") }];

/**
 * 红黄牌公示: the public notice of the cards in force and those of the last year (no sign-in). Only what
 * the notice publishes: the unit, its code, the card, the reason, the dates and the state; nothing of any
 * complaint or complainant.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { header, rows, cards } = await publicCardRows();
  return { bureau: bureauOf(request).name, header, rows: rows.map((cells, index) => ({ cells, colour: cards[index].colour })) };
}

export default function CardNotices() {
  const { bureau, header, rows } = useLoaderData<typeof loader>();
  return (
    <div className="notice-page">
      <h1>{t("notices.title")}</h1>
      <p className="muted">{t("notices.intro", { bureau })}</p>
      <p>
        <a href="/notices/cards.xlsx" download>
          {t("notices.download")}
        </a>
      </p>
      {rows.length === 0 ? (
        <p>{t("notices.none")}</p>
      ) : (
        <ol className="notice-cards">
          {rows.map(({ cells, colour }, index) => (
            <li key={index} className={`notice-card unit-card-${colour}`}>
              <h2>
                {cells[0]} <span className={`card-mark card-mark-${colour}`}>{cells[2]}</span>
              </h2>
              <dl className="fields">
                {cells.map((cell, column) =>
                  column === 0 || column === 2 || cell === "" ? null : (
                    <div key={column} className="notice-field">
                      <dt>{header[column]}</dt>
                      <dd>{cell}</dd>
                    </div>
                  ),
                )}
              </dl>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
