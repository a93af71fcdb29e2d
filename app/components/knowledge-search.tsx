import { Link, useFetcher } from "@remix-run/react";
import type { ReactNode } from "react";
import { isPastReview } from "~/domain/knowledge";
import type { LocalDate } from "~/domain/local-time";
import { t } from "~/i18n";
import { OptionalEntry } from "./optional-entry";

export interface KnowledgeEntryShown {
  id: number;
  question: string;
  answer: string;
  department: string;
  legalBasis: string;
  reviewBy: string;
  sourceCaseNo: string | null;
}

/** One entry of the knowledge base: the question, the answer, who is responsible and on what basis. */
export function KnowledgeEntryView({
  entry,
  today,
  children,
}: {
  entry: KnowledgeEntryShown;
  today: string;
  children?: ReactNode;
}) {
  const past = isPastReview(entry.reviewBy as LocalDate, today as LocalDate);
  return (
    <article className="knowledge-entry" aria-labelledby={`knowledge-${entry.id}-question`}>
      <h3 id={`knowledge-${entry.id}-question`}>{entry.question}</h3>
      <p className="body-text">{entry.answer}</p>
      <dl className="fields">
        <OptionalEntry term={t("knowledge.department")}>{entry.department}</OptionalEntry>
        <OptionalEntry term={t("knowledge.legalBasis")}>{entry.legalBasis}</OptionalEntry>
        <dt>{t("knowledge.reviewBy")}</dt>
        <dd>
          {entry.reviewBy}
          {past ? <strong className="overdue-text"> {t("knowledge.reviewPast")}</strong> : null}
        </dd>
        <OptionalEntry term={t("knowledge.sourceCase")}>
          {entry.sourceCaseNo ? <Link to={`/cases/${entry.sourceCaseNo}`}>{entry.sourceCaseNo}</Link> : null}
        </OptionalEntry>
      </dl>
      {children}
    </article>
  );
}

/**
 * The knowledge base searched beside the work (the intake, the case page): the answers shown in place,
 * through the knowledge page's loader; without JavaScript the search opens that page.
 */
export function KnowledgeSearch({ idPrefix }: { idPrefix: string }) {
  const fetcher = useFetcher<{ q: string; entries: KnowledgeEntryShown[]; today: string }>();
  const inputId = `${idPrefix}-knowledge-q`;
  return (
    <section className="panel knowledge-search" aria-labelledby={`${idPrefix}-knowledge-heading`}>
      <h2 id={`${idPrefix}-knowledge-heading`}>{t("knowledge.title")}</h2>
      <fetcher.Form method="get" action="/knowledge" role="search" aria-label={t("knowledge.search")}>
        <label htmlFor={inputId}>{t("knowledge.search")}</label>
        <div className="inline-form">
          <input id={inputId} name="q" type="search" placeholder={t("knowledge.searchExample")} />
          <button type="submit" className="secondary">
            {t("knowledge.find")}
          </button>
        </div>
      </fetcher.Form>
      {fetcher.data ? (
        <div role="status">
          <p className="muted">{t("knowledge.results", { count: fetcher.data.entries.length })}</p>
          {fetcher.data.entries.slice(0, 5).map((entry) => (
            <KnowledgeEntryView key={entry.id} entry={entry} today={fetcher.data!.today} />
          ))}
          {fetcher.data.entries.length > 5 ? (
            <Link to={`/knowledge?q=${encodeURIComponent(fetcher.data.q)}`}>{t("knowledge.more")}</Link>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
