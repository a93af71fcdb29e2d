/** The <option>s of a select over reference data (channels, categories by code; townships by id). */
export function NamedOptions({ items }: { items: readonly ({ code: string; name: string } | { id: number; name: string })[] }) {
  return (
    <>
      {items.map((item) => {
        const value = "code" in item ? item.code : item.id;
        return (
          <option key={value} value={value}>
            {item.name}
          </option>
        );
      })}
    </>
  );
}
