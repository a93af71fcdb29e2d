import type { CaseView } from "./view.server";

/**
 * The documents that print from this case now: its record (every case), its kind's letters, and a
 * letter for each transfer to a body without Greenline (`transferLetter-<id>`).
 */
export function printableDocuments(
  view: Pick<CaseView, "kind" | "acceptedAt" | "rejectedAt" | "concludedAt" | "mediationOutcome" | "transfers">,
): string[] {
  const letters = view.transfers
    .filter((transfer) => transfer.delivery === "letter")
    .map((transfer) => `transferLetter-${transfer.id}`);
  return ["record", ...kindDocuments(view), ...letters];
}

/** The kind of a document name (`transferLetter-3` is a transfer letter). */
export const documentKindOf = (document: string) => document.split("-")[0];

function kindDocuments(view: Pick<CaseView, "kind" | "acceptedAt" | "rejectedAt" | "concludedAt" | "mediationOutcome">) {
  if (view.kind === "petition") {
    return [
      ...(view.acceptedAt ? ["acceptanceNotice"] : []),
      ...(view.rejectedAt ? ["rejectionNotice"] : []),
      ...(view.concludedAt ? ["answerLetter"] : []),
    ];
  }
  return view.kind === "mediation" && view.mediationOutcome === "agreement" ? ["agreement"] : [];
}
