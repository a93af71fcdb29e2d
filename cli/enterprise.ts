import { readFile } from "node:fs/promises";
import path from "node:path";
import { creditCodeProblem, normalizeCreditCode } from "~/domain/credit-code";
import { describeCreditCodeProblem, describeUnitProblem } from "~/i18n/ledger-problems";
import { importRegister, unitReport } from "~/models/enterprises/register.server";

/**
 * `greenline enterprise import FILE [--apply]`: every problem of the register file as `第 N 行，X 列：…`
 * and exit 1 with nothing written; a clean file checked (exit 0), and imported whole with --apply.
 */
export async function importRegisterCommand(file: string, apply: boolean) {
  const content = await readFile(file);
  const summary = await importRegister(
    { content, fileName: path.basename(file) },
    {
      apply,
      onProgress: ({ phase, done, total }) => {
        if (process.stderr.isTTY && phase === "writing") process.stderr.write(`\r${done}/${total}`);
      },
    },
  );
  if (process.stderr.isTTY) process.stderr.write("\n");
  for (const problem of summary.problems) console.error(describeUnitProblem(problem));
  if (summary.unknownColumns.length > 0) console.log(`Ignored columns: ${summary.unknownColumns.join(", ")}`);
  console.log(
    `${summary.rows} rows: ${summary.created} new units, ${summary.updated} already registered (updated), ${summary.problems.length} problems.`,
  );
  if (summary.problems.length > 0) {
    console.log("Nothing was imported.");
    return 1;
  }
  console.log(summary.applied ? "Imported." : "Dry run: nothing was written. Run again with --apply to import.");
  return 0;
}

/** `greenline enterprise show CODE [--json]`: the unit with its cases' counts, its cases and its cards. */
export async function showUnitCommand(input: string, json: boolean) {
  const code = normalizeCreditCode(input);
  const problem = creditCodeProblem(code);
  if (problem) {
    console.error(`${code}: ${describeCreditCodeProblem(problem)}`);
    return 2;
  }
  const report = await unitReport(code);
  if (!report) {
    console.error(`No unit ${code} in the register.`);
    return 1;
  }
  if (json) {
    console.log(JSON.stringify(report, null, 2));
    return 0;
  }
  const { unit, counts } = report;
  console.log(`${unit.name} (${unit.creditCode}), ${unit.township.name}, ${unit.industry}`);
  console.log(`Cases: ${counts.total}, ${counts.open} open, ${counts.overdue} of them overdue.`);
  for (const item of report.cases) console.log(`  ${item.caseNo}  ${item.state}${item.overdue ? "  overdue" : ""}`);
  for (const card of report.cards) {
    console.log(
      `Card: ${card.colour} issued ${card.issuedAt.toISOString()}, rectify by ${card.rectifyBy.toISOString()}, ${card.state}`,
    );
  }
  return 0;
}
