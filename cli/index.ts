/**
 * greenline: the command line of an installation.
 *   greenline migrate
 *   greenline seed [--demo]
 *   greenline user add --username U --role R [--township T] [--display-name N] [--password-stdin]
 *   greenline case show CASE_NO --json
 *   greenline report annual --year Y [--kind complaint|petition|mediation] [--json]
 *   greenline import FILE [--apply]
 *   greenline enterprise import FILE [--apply]
 *   greenline enterprise show CODE [--json]
 *   greenline export --year Y --out FILE
 *   greenline backup FILE
 *   greenline migrate-data --from file:… --to postgresql://…
 *   greenline report figures --json
 *   greenline verify [--recount] [--json]
 *   greenline api-key add --name NAME --scope SCOPE [--scope SCOPE…] [--channel CODE] [--callback-url URL] [--expires YYYY-MM-DD]
 */
import { parseArgs } from "node:util";
import { ConfigError, config } from "~/config.server";
import { prisma } from "~/db.server";
import { closeRedisResources } from "~/redis.server";
import { ROLES } from "~/domain/roles";
import { API_SCOPES } from "~/domain/api-keys";
import { apiKeySchema } from "~/forms/admin";
import { tKey } from "~/i18n";
import { createApiKey } from "~/models/transfers-in/api-keys.server";
import { caseReport } from "~/models/case/view.server";
import { disagreeingDeadlines } from "~/models/deadlines/derived-fields.server";
import { disagreeingStatisticsMonths, recountStatisticsMonths } from "~/models/statistics/months.server";
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData, seedReferenceData } from "~/models/reference/seed.server";
import { createUser } from "~/models/accounts/users.server";
import { InputError } from "~/models/errors";
import { migrateDatabase } from "./migrate";
import { readPassword } from "./prompt";
import { backupCommand } from "./backup";
import { exportCommand, importCommand } from "./ledger";
import { importRegisterCommand, showUnitCommand } from "./enterprise";
import { migrateDataCommand } from "./migrate-data";
import { allAnnualFigures, annualReport, formatAnnualReport, parseKind } from "./report";

const USAGE = `Usage:
  greenline migrate                      apply pending database migrations
  greenline seed [--demo]                add missing reference data (and demo data when there are no cases)
  greenline user add --username U --role ${ROLES.join("|")} [--township NAME] [--display-name NAME] [--password-stdin]
  greenline case show CASE_NO --json     a case's fields, milestones and audit trail
  greenline report annual --year Y [--kind complaint|petition|mediation] [--json]
                                         the year's figures (统计口径 of docs/domain.md)
  greenline import FILE [--apply]        check a ledger (CSV or XLSX); import it whole with --apply
  greenline export --year Y --out FILE   the year's ledger as .csv or .xlsx
  greenline enterprise import FILE [--apply]
                                         check an enterprise register (CSV or XLSX); import it whole with --apply
  greenline enterprise show CODE [--json]
                                         a registered unit and the cases about it
  greenline backup FILE                  a consistent copy of the SQLite database, while it runs
  greenline migrate-data --from file:… --to postgresql://…
                                         copy a SQLite installation into an empty PostgreSQL database and verify it
  greenline report figures --json        every year's annual figures of every kind
  greenline verify [--recount] [--json]  recompute every case's derived deadline fields and the statistics'
                                         month buckets from the cases; exit 1 if any disagrees; --recount first
                                         replaces the buckets with their recount
  greenline api-key add --name NAME --scope ${API_SCOPES.join("|")} [--scope …] [--channel CODE] [--callback-url URL] [--expires YYYY-MM-DD]
                                         a key for another system; printed once, as the last line`;

class UsageError extends Error {}

async function run(argv: string[]): Promise<number> {
  const [command, subcommand, ...rest] = argv;
  config();
  switch (command) {
    case "migrate":
      await migrateDatabase();
      console.log("Database is up to date.");
      return 0;
    case "seed": {
      const { values } = parseArgs({ args: argv.slice(1), options: { demo: { type: "boolean", default: false } } });
      await migrateDatabase();
      console.log("Reference data added:", await seedReferenceData());
      if (values.demo) {
        const result = await seedDemoData();
        console.log(result.cases > 0 ? `Demo data: ${result.cases} cases.` : "Cases exist already; no demo cases added.");
        printDemoAccounts();
      }
      return 0;
    }
    case "api-key":
      if (subcommand !== "add") throw new UsageError(`unknown api-key command "${subcommand ?? ""}"`);
      return addApiKey(rest);
    case "user":
      if (subcommand !== "add") throw new UsageError(`unknown user command "${subcommand ?? ""}"`);
      return addUser(rest);
    case "case": {
      if (subcommand !== "show") throw new UsageError(`unknown case command "${subcommand ?? ""}"`);
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { json: { type: "boolean", default: false } },
      });
      if (positionals.length !== 1) throw new UsageError("case show needs one case number");
      const report = await caseReport(positionals[0]);
      if (!report) {
        console.error(`No case ${positionals[0]}.`);
        return 1;
      }
      console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
      return 0;
    }
    case "report":
      if (subcommand === "figures") {
        console.log(JSON.stringify(await allAnnualFigures()));
        return 0;
      }
      if (subcommand !== "annual") throw new UsageError(`unknown report "${subcommand ?? ""}"`);
      return reportAnnual(rest);
    case "migrate-data": {
      const { values } = parseArgs({ args: argv.slice(1), options: { from: { type: "string" }, to: { type: "string" } } });
      if (!values.from || !values.to) throw new UsageError("migrate-data needs --from file:… and --to postgresql://…");
      return migrateDataCommand(values.from, values.to);
    }
    case "import": {
      const { values, positionals } = parseArgs({
        args: argv.slice(1),
        allowPositionals: true,
        options: { apply: { type: "boolean", default: false } },
      });
      if (positionals.length !== 1) throw new UsageError("import needs one file");
      return importCommand(positionals[0], values.apply);
    }
    case "enterprise": {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { apply: { type: "boolean", default: false }, json: { type: "boolean", default: false } },
      });
      if (positionals.length !== 1) throw new UsageError(`enterprise ${subcommand ?? ""} needs one argument`);
      if (subcommand === "import") return importRegisterCommand(positionals[0], values.apply);
      if (subcommand === "show") return showUnitCommand(positionals[0], values.json);
      throw new UsageError(`unknown enterprise command "${subcommand ?? ""}"`);
    }
    case "export": {
      const { values } = parseArgs({ args: argv.slice(1), options: { year: { type: "string" }, out: { type: "string" } } });
      const year = Number(values.year);
      if (!values.year || !Number.isInteger(year) || !values.out) throw new UsageError("export needs --year YYYY and --out FILE");
      return exportCommand(year, values.out);
    }
    case "verify": {
      const { values } = parseArgs({
        args: argv.slice(1),
        options: { json: { type: "boolean", default: false }, recount: { type: "boolean", default: false } },
      });
      return verifyCommand(values.json, values.recount);
    }
    case "backup":
      if (!subcommand || rest.length > 0) throw new UsageError("backup needs one target file");
      return backupCommand(subcommand);
    default:
      throw new UsageError(command ? `unknown command "${command}"` : "no command given");
  }
}

async function addUser(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: "string" },
      role: { type: "string" },
      township: { type: "string" },
      "display-name": { type: "string" },
      "password-stdin": { type: "boolean", default: false },
    },
  });
  if (!values.username || !values.role) throw new UsageError("user add needs --username and --role");
  let townshipId: number | null = null;
  if (values.township) {
    const township = await prisma.township.findUnique({ where: { name: values.township } });
    if (!township) {
      console.error(`No township or unit named "${values.township}".`);
      return 1;
    }
    townshipId = township.id;
  }
  const password = await readPassword(values["password-stdin"]);
  try {
    const user = await createUser({
      username: values.username,
      role: values.role,
      townshipId,
      displayName: values["display-name"],
      password,
    });
    console.log(`User ${user.username} (${user.role}) created.`);
    return 0;
  } catch (error) {
    if (error instanceof InputError) {
      for (const [field, problem] of Object.entries(error.fieldErrors)) console.error(`${field}: ${problem}`);
      return 1;
    }
    throw error;
  }
}

/** The same checks as the administrator's page (the form's schema), then the key, printed last. */
async function addApiKey(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: "string" },
      scope: { type: "string", multiple: true },
      channel: { type: "string" },
      "callback-url": { type: "string" },
      expires: { type: "string" },
      "rate-limit": { type: "string" },
    },
  });
  const parsed = apiKeySchema.safeParse({
    name: values.name,
    scopes: values.scope,
    channel: values.channel,
    callbackUrl: values["callback-url"],
    expiresOn: values.expires,
    rateLimit: values["rate-limit"],
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`${issue.path.join(".") || "key"}: ${tKey("error", issue.message)}`);
    return 1;
  }
  try {
    const { record, key } = await createApiKey(parsed.data);
    console.log(`API key "${record.name}" (${record.scopes}) created. It is shown this once:`);
    console.log(key);
    return 0;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    for (const [field, problem] of Object.entries(error.fieldErrors)) console.error(`${field}: ${tKey("error", problem)}`);
    return 1;
  }
}

async function reportAnnual(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { year: { type: "string" }, kind: { type: "string" }, json: { type: "boolean", default: false } },
  });
  const year = Number(values.year);
  if (!values.year || !Number.isInteger(year) || year < 1990 || year > 2200)
    throw new UsageError("report annual needs --year YYYY");
  const kind = parseKind(values.kind);
  if (!kind) throw new UsageError(`unknown kind "${values.kind}"`);
  const report = await annualReport(year, kind);
  console.log(values.json ? JSON.stringify(report, null, 2) : formatAnnualReport(report));
  return 0;
}

/** After an upgrade or a repair by hand: every case's derived deadline fields against its milestones. */
async function verifyCommand(json: boolean, recount: boolean) {
  const recounted = recount ? await recountStatisticsMonths() : null;
  const { checked, found } = await disagreeingDeadlines();
  const buckets = await disagreeingStatisticsMonths();
  if (json) {
    console.log(
      JSON.stringify({ checked, disagreeing: found, statisticsMonths: buckets, recountedStatisticsMonths: recounted }, null, 2),
    );
  } else {
    if (recounted !== null) console.log(`Statistics month buckets recounted from the cases: ${recounted}.`);
    for (const entry of found) {
      const show = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));
      const fields = entry.fields.map(
        (field) => `${field} stored ${show(entry.stored[field])}, derived ${show(entry.derived[field])}`,
      );
      console.log(`${entry.caseNo}: ${fields.join("; ")}`);
    }
    console.log(`${checked} cases checked, ${found.length} disagree with their milestones.`);
    for (const entry of buckets) {
      console.log(
        `statistics month ${entry.bucket}: ${entry.counter} kept ${entry.kept}, recounted from the cases ${entry.recounted}`,
      );
    }
    console.log(`Statistics month buckets: ${buckets.length} counters disagree with the cases.`);
  }
  return found.length > 0 || buckets.length > 0 ? 1 : 0;
}

export function printDemoAccounts() {
  console.log(`Demo accounts (password "${DEMO_PASSWORD}"):`);
  for (const user of DEMO_USERS) console.log(`  ${user.username.padEnd(11)} ${user.role.padEnd(10)} ${user.displayName}`);
}

function formatReport(report: NonNullable<Awaited<ReturnType<typeof caseReport>>>) {
  const lines = [
    `${report.caseNo}  ${report.state}${report.overdue ? "  OVERDUE" : ""}`,
    `received ${report.receivedAt}  township ${report.township}  category ${report.category}  channel ${report.channel}`,
    "milestones:",
    ...report.milestones.map(
      (m) => `  round ${m.round} ${m.milestone.padEnd(8)} due ${m.dueAt}  ${m.status}${m.overdue ? " overdue" : ""}`,
    ),
    "audit:",
    ...report.auditEvents.map(
      (e) => `  ${e.at}  ${e.action}${e.actor ? ` by ${e.actor}` : ""}${e.reason ? ` — ${e.reason}` : ""}`,
    ),
  ];
  return lines.join("\n");
}

run(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else if (error instanceof ConfigError) {
      console.error(error.message);
      process.exitCode = 2;
    } else {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    }
  })
  .finally(() => Promise.all([prisma.$disconnect(), closeRedisResources()]));
