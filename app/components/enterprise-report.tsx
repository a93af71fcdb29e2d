import { t } from "~/i18n";
import type { EnterpriseFigures } from "~/models/statistics/enterprise-figures.server";
import { unitFigureEntries, unitTables } from "~/models/statistics/figure-entries";

/** The report's section on the register: cards, complaints by unit and by industry, the most repeated units. */
export function EnterpriseSection({ figures }: { figures: EnterpriseFigures }) {
  return (
    <section className="report-section" data-kind="units" aria-labelledby="report-units-heading">
      <h2 id="report-units-heading">{t("report.section.units")}</h2>
      <p className="report-sentence">{figures.sentence}</p>
      <dl className="figures">
        {unitFigureEntries(figures).map(([key, value]) => {
          const termId = `units-${key.replace("report.units.", "")}-term`;
          return (
            <div key={key}>
              <dt id={termId}>{t(key)}</dt>
              <dd data-figure={key.replace("report.units.", "")} aria-labelledby={termId}>
                {value}
              </dd>
            </div>
          );
        })}
      </dl>
      {unitTables(figures).map((table) => (
        <table key={table.caption} className="breakdown">
          <caption>{t(table.caption)}</caption>
          <thead>
            <tr>
              {table.header.map((key, column) => (
                <th key={key} className={typeof table.rows[0]?.[column] === "number" ? "number" : undefined}>
                  {t(key)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, index) => (
              <tr key={index}>
                {row.map((cell, column) => (
                  <td key={column} className={typeof cell === "number" ? "number" : undefined}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}
