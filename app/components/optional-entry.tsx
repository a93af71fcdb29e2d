import type { ReactNode } from "react";

/** A term and its description in a definition list, only when there is something to show. */
export function OptionalEntry({ term, children }: { term: string; children: ReactNode }) {
  if (children === null || children === undefined || children === "" || children === false) return null;
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}
