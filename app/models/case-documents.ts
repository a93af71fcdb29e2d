import type { CaseView } from "./case-queries.server";

/** The documents that print from this case now. */
export function printableDocuments(
  view: Pick<CaseView, "kind" | "acceptedAt" | "rejectedAt" | "concludedAt" | "mediationOutcome">,
): string[] {
  if (view.kind === "petition") {
    return [
      ...(view.acceptedAt ? ["acceptanceNotice"] : []),
      ...(view.rejectedAt ? ["rejectionNotice"] : []),
      ...(view.concludedAt ? ["answerLetter"] : []),
    ];
  }
  return view.kind === "mediation" && view.mediationOutcome === "agreement" ? ["agreement"] : [];
}
