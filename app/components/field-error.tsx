import { tKey } from "~/i18n";

/** A field's problem, shown beside it; `message` is a catalogue key under "error.". */
export function FieldError({ id, message }: { id: string; message?: string | string[] | null }) {
  const first = Array.isArray(message) ? message[0] : message;
  if (!first) return null;
  return (
    <p className="field-error" id={id} role="alert">
      {tKey("error", first)}
    </p>
  );
}
