/**
 * Puts text into a step's text field where the cursor is, as typing would (so that the form's validation
 * and value follow), and gives the field the focus: reply templates and quoted parts use it.
 */
export function insertIntoField(fieldId: string, text: string) {
  const field = document.getElementById(fieldId);
  if (!(field instanceof HTMLTextAreaElement)) return;
  field.setRangeText(text, field.selectionStart, field.selectionEnd, "end");
  field.dispatchEvent(new Event("input", { bubbles: true }));
  field.focus();
}
