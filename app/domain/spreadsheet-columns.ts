/**
 * The header row of an imported spreadsheet (the case ledger, the enterprise register): its columns
 * found by their Chinese names or aliases, in any order, ignoring case and spaces.
 */
export interface ColumnDefinition<Key extends string> {
  key: Key;
  header: string;
  also?: readonly string[];
  required: boolean;
}

export interface ColumnProblem {
  row: 1;
  column: string;
  problem: "missingColumn" | "duplicateColumn";
}

export interface ColumnMatch<Key extends string> {
  /** Column index in the file of each known column found. */
  index: Partial<Record<Key, number>>;
  /** The header text used in the file, for messages. */
  headerOf: Partial<Record<Key, string>>;
  /** Headers read but not imported (an export's computed columns), by their normalized text. */
  ignored: Map<string, number>;
  unknown: string[];
  problems: ColumnProblem[];
}

export const normalizeHeader = (text: string) =>
  text
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase();

export function matchColumns<Key extends string>(
  headers: readonly unknown[],
  columns: readonly ColumnDefinition<Key>[],
  ignoredHeaders: readonly string[] = [],
): ColumnMatch<Key> {
  const lookup = new Map<string, Key>();
  for (const column of columns) {
    for (const name of [column.header, ...(column.also ?? [])]) lookup.set(normalizeHeader(name), column.key);
  }
  const ignored = new Set(ignoredHeaders.map(normalizeHeader));
  const match: ColumnMatch<Key> = { index: {}, headerOf: {}, ignored: new Map(), unknown: [], problems: [] };
  headers.forEach((raw, position) => {
    const header = String(raw ?? "").trim();
    if (header === "") return;
    const normalized = normalizeHeader(header);
    if (ignored.has(normalized)) {
      match.ignored.set(normalized, position);
      return;
    }
    const key = lookup.get(normalized);
    if (!key) {
      match.unknown.push(header);
      return;
    }
    if (match.index[key] !== undefined) {
      match.problems.push({ row: 1, column: header, problem: "duplicateColumn" });
      return;
    }
    match.index[key] = position;
    match.headerOf[key] = header;
  });
  for (const column of columns) {
    if (column.required && match.index[column.key] === undefined) {
      match.problems.push({ row: 1, column: column.header, problem: "missingColumn" });
    }
  }
  return match;
}
