import { t } from "~/i18n";
import type { UnitRankingView } from "~/models/statistics/figure-entries";

/** The ranking as the page and the annual report show it: the chart, then the table, then the definitions. */
export function UnitRankingTables({ ranking }: { ranking: UnitRankingView }) {
  if (ranking.rows.length === 0) return <p className="muted">{t("ranking.empty")}</p>;
  return (
    <>
      <figure className="chart">
        <figcaption>{t("ranking.chartTitle", { rate: t(ranking.by) })}</figcaption>
        {/* Rendered by ECharts on the server; the table below says the same in words. */}
        <div dangerouslySetInnerHTML={{ __html: ranking.chart }} />
      </figure>
      {/* On a phone each unit is a card of its figures, labelled (table.cards). */}
      <table className="cards ranking">
        <thead>
          <tr>
            {ranking.header.map((key) => (
              <th key={key} scope="col">
                {t(key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ranking.rows.map((row) => (
            <tr key={String(row[1])} data-unit={String(row[1])}>
              {row.map((cell, index) => (
                <td key={index} data-label={t(ranking.header[index])} className={index > 0 ? "nowrap" : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted definitions">
        {t("ranking.definitionsTitle")}：{t("ranking.definitions")}
      </p>
    </>
  );
}
