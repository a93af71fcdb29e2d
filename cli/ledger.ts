import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { yearPeriod } from "~/domain/statistics";
import { describeLedgerProblem } from "~/i18n/ledger-problems";
import { exportLedger, receivedInPeriod } from "~/models/ledger/export.server";
import { ledgerFormatOf } from "~/models/ledger/file.server";
import { type LedgerImportProgress, importLedger } from "~/models/ledger/import.server";

/** The command line has the bureau's full view: exports are unmasked, as for a dispatcher. */
const CLI_ACTOR = { id: 0, role: "admin", townshipId: null } as const;

function progressPrinter() {
  let last = "";
  return ({ phase, done, total }: LedgerImportProgress) => {
    const line = total > 0 ? `${phase} ${done}/${total} (${Math.floor((done / total) * 100)}%)` : phase;
    if (line === last) return;
    last = line;
    process.stderr.write(process.stderr.isTTY ? `\r${line.padEnd(40)}` : `${line}\n`);
  };
}

/** `greenline import FILE [--apply]`: exit 0 when the file is clean (and imported with --apply), 1 otherwise. */
export async function importCommand(file: string, apply: boolean) {
  const content = await readFile(file);
  const summary = await importLedger(
    { content, fileName: path.basename(file) },
    { apply, actorId: null, onProgress: progressPrinter() },
  );
  if (process.stderr.isTTY) process.stderr.write("\n");
  for (const problem of summary.problems) console.error(describeLedgerProblem(problem));
  if (summary.unknownColumns.length > 0) console.log(`Ignored columns: ${summary.unknownColumns.join(", ")}`);
  console.log(
    `${summary.rows} rows: ${summary.created} new (${summary.open} open, ${summary.overdueOpen} of them overdue; ` +
      `${summary.concluded} concluded; ${summary.rejected} rejected), ${summary.unchanged} already present, ${summary.problems.length} problems.`,
  );
  if (summary.problems.length > 0) {
    console.log("Nothing was imported.");
    return 1;
  }
  console.log(summary.applied ? "Imported." : "Dry run: nothing was written. Run again with --apply to import.");
  return 0;
}

/** `greenline export --year Y --out FILE`: the year's ledger (cases received in the year), CSV or XLSX by extension. */
export async function exportCommand(year: number, out: string) {
  const format = ledgerFormatOf(out);
  if (!format) {
    console.error("The output file must end in .csv or .xlsx.");
    return 2;
  }
  await writeFile(out, await exportLedger(CLI_ACTOR, receivedInPeriod(yearPeriod(year)), format));
  console.log(`Wrote ${out}.`);
  return 0;
}
