import { type FieldMetadata, getCollectionProps, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import type { ReactNode } from "react";
import { type Choice, choiceFor, choiceText } from "~/domain/typed-choice";
import { t } from "~/i18n";
import { FieldError } from "./field-error";

/**
 * The fields every form is built from, over conform's field metadata: a label tied to its input, the
 * value typed kept after a refused submission, and the problem beside the field (`aria-invalid` and
 * `aria-describedby` from conform). Labels are message keys' texts, passed already translated.
 */

// conform's own helpers take any form shape; so do these.
type Field<Schema> = FieldMetadata<Schema, any, any>;

interface FieldProps<Schema> {
  meta: Field<Schema>;
  label: string;
  /** Spans the whole row of a grid form. */
  wide?: boolean;
  hint?: string;
}

function FieldFrame<Schema>({ meta, label, wide, hint, children }: FieldProps<Schema> & { children: ReactNode }) {
  return (
    <div className={wide ? "field wide" : "field"}>
      <label htmlFor={meta.id}>{label}</label>
      {children}
      {hint ? <p className="hint">{hint}</p> : null}
      <FieldError id={meta.errorId} message={meta.errors} />
    </div>
  );
}

type InputType = "text" | "tel" | "date" | "datetime-local" | "number" | "password" | "email" | "url";

export function TextField<Schema>({
  type = "text",
  autoComplete,
  autoFocus,
  placeholder,
  min,
  max,
  ...field
}: FieldProps<Schema> & {
  type?: InputType;
  autoComplete?: string;
  autoFocus?: boolean;
  placeholder?: string;
  min?: number;
  max?: number;
}) {
  const { key, ...props } = getInputProps(field.meta, { type });
  return (
    <FieldFrame {...field}>
      <input
        key={key}
        {...props}
        autoComplete={autoComplete ?? "off"}
        autoFocus={autoFocus}
        placeholder={placeholder}
        min={min}
        max={max}
      />
    </FieldFrame>
  );
}

export function TextAreaField<Schema>({ rows = 3, ...field }: FieldProps<Schema> & { rows?: number }) {
  const { key, ...props } = getTextareaProps(field.meta);
  return (
    <FieldFrame {...field}>
      <textarea key={key} {...props} rows={rows} />
    </FieldFrame>
  );
}

export function SelectField<Schema>({
  children,
  autoFocus,
  ...field
}: FieldProps<Schema> & { children: ReactNode; autoFocus?: boolean }) {
  const { key, ...props } = getSelectProps(field.meta);
  return (
    <FieldFrame {...field}>
      <select key={key} {...props} autoFocus={autoFocus}>
        {children}
      </select>
    </FieldFrame>
  );
}

/**
 * One of a list picked by typing (a township, a category): the name, its stem or its pinyin initials,
 * suggested from a datalist as one types. The server reads the text the same way (the form's schema),
 * so it works without JavaScript; with it, the text becomes the full name on leaving the field.
 */
export function TypedChoiceField<Schema>({ choices, ...field }: FieldProps<Schema> & { choices: readonly Choice[] }) {
  const { key, defaultValue, ...props } = getInputProps(field.meta, { type: "text" });
  const listId = `${field.meta.id}-choices`;
  return (
    <FieldFrame {...field}>
      <input
        key={key}
        {...props}
        defaultValue={choiceText(typeof defaultValue === "string" ? defaultValue : undefined, choices)}
        list={listId}
        autoComplete="off"
        onBlur={(event) => {
          const choice = choiceFor(event.currentTarget.value, choices);
          if (choice) event.currentTarget.value = choice.name;
        }}
      />
      <datalist id={listId}>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.name}>
            {choice.initials}
          </option>
        ))}
      </datalist>
    </FieldFrame>
  );
}

export function CheckboxField<Schema>({ meta, label }: { meta: Field<Schema>; label: string }) {
  const { key, ...props } = getInputProps(meta, { type: "checkbox" });
  return (
    <label className="checkbox">
      <input key={key} {...props} />
      {label}
    </label>
  );
}

/**
 * The choices of one field under a legend: checkboxes for several (mediators of a session), radio buttons
 * for exactly one (a complainant's rating), where every choice should be seen at once.
 */
export function ChoiceGroup<Schema>({
  meta,
  legend,
  options,
  type = "checkbox",
}: {
  meta: Field<Schema>;
  legend: string;
  options: { value: string; label: string }[];
  type?: "checkbox" | "radio";
}) {
  const inputs = getCollectionProps(meta, { type, options: options.map((option) => option.value) });
  return (
    <fieldset className="field" aria-describedby={meta.errorId}>
      <legend>{legend}</legend>
      {inputs.map(({ key, ...props }, index) => (
        <label key={key} className="checkbox">
          <input {...props} />
          {options[index].label}
        </label>
      ))}
      <FieldError id={meta.errorId} message={meta.errors} />
    </fieldset>
  );
}

/** The form's own problems (not tied to one field). */
export function FormErrors({ form }: { form: { errorId: string; errors?: string[] } }) {
  return <FieldError id={form.errorId} message={form.errors} />;
}

/** A kept item's form's two buttons: save the change, or remove the item (without validating the fields). */
export function SaveOrDeleteButtons({ deleteLabel }: { deleteLabel: string }) {
  return (
    <div className="actions-row">
      <button type="submit" name="intent" value="update">
        {t("common.save")}
      </button>
      <button type="submit" name="intent" value="delete" className="danger" formNoValidate>
        {deleteLabel}
      </button>
    </div>
  );
}
