import type { CaseView } from "./case-queries.server";

/** The documents that print from this case now: its record (every case), and its kind's letters. */
export function printableDocuments(
  view: Pick<CaseView, "kind" | "acceptedAt" | "rejectedAt" | "concludedAt" | "mediationOutcome">,
): string[] {
  return ["record", ...kindDocuments(view)];
}

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
