import { t } from "~/i18n";
import type { EnterpriseFigures } from "~/models/statistics/enterprise-figures.server";

/** The report's section on the register: cards, complaints by unit and by industry, the most repeated units. */
export function EnterpriseSection({ figures }: { figures: EnterpriseFigures }) {
  const { cards } = figures;
  const entries: [string, string, number][] = [
    ["yellowUnits", t("report.units.yellowUnits"), cards.yellowUnits],
    ["yellowIssued", t("report.units.yellowIssued"), cards.yellowIssued],
    ["redUnits", t("report.units.redUnits"), cards.redUnits],
    ["redIssued", t("report.units.redIssued"), cards.redIssued],
    ["lifted", t("report.units.lifted"), cards.lifted],
    ["aboutUnits", t("report.units.aboutUnits"), figures.aboutUnits],
    ["aboutUnregistered", t("report.units.aboutUnregistered"), figures.aboutUnregistered],
  ];
  return (
    <section className="report-section" data-kind="units" aria-labelledby="report-units-heading">
      <h2 id="report-units-heading">{t("report.section.units")}</h2>
      <p className="report-sentence">{figures.sentence}</p>
      <dl className="figures">
        {entries.map(([key, term, value]) => (
          <div key={key}>
            <dt id={`units-${key}-term`}>{term}</dt>
            <dd data-figure={key} aria-labelledby={`units-${key}-term`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <table className="breakdown">
        <caption>{t("report.units.byUnit")}</caption>
        <thead>
          <tr>
            <th>{t("register.name")}</th>
            <th>{t("register.creditCode")}</th>
            <th>{t("register.industry")}</th>
            <th className="number">{t("report.units.complaints")}</th>
          </tr>
        </thead>
        <tbody>
          {figures.byUnit.map((row) => (
            <tr key={row.unitId}>
              <td>{row.name}</td>
              <td>{row.creditCode}</td>
              <td>{row.industry}</td>
              <td className="number">{row.complaints}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="breakdown">
        <caption>{t("report.units.byIndustry")}</caption>
        <thead>
          <tr>
            <th>{t("register.industry")}</th>
            <th className="number">{t("report.units.complaints")}</th>
          </tr>
        </thead>
        <tbody>
          {figures.byIndustry.map((row) => (
            <tr key={row.industry}>
              <td>{row.industry}</td>
              <td className="number">{row.complaints}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="breakdown">
        <caption>{t("report.units.mostRepeated")}</caption>
        <thead>
          <tr>
            <th>{t("register.name")}</th>
            <th className="number">{t("report.units.warnings")}</th>
            <th className="number">{t("report.units.repeatComplaints")}</th>
          </tr>
        </thead>
        <tbody>
          {figures.mostRepeated.map((row) => (
            <tr key={row.unitId}>
              <td>{row.name}</td>
              <td className="number">{row.warnings}</td>
              <td className="number">{row.complaints}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
