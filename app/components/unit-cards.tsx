import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { CARD_COLOURS, type CardAction, MAX_RECTIFY_WORKING_DAYS } from "~/domain/cards";
import { cardStepSchema, issueCardSchema } from "~/forms/enterprises";
import { t, tKey } from "~/i18n";
import { showDateTime } from "~/utils/format";
import { FormErrors, SelectField, TextAreaField, TextField } from "./form-fields";

/** What a unit's page answers a refused card form with: which form, and conform's reply. */
export interface CardFormReply {
  form: string;
  result: SubmissionResult<string[]>;
}

export interface CardOfUnit {
  id: number;
  colour: string;
  state: string;
  reason: string;
  legalBasis: string;
  evidence: string;
  penaltyDecisionNo: string | null;
  issuedAt: string | Date;
  issuedByName: string;
  rectifyWorkingDays: number;
  rectifyBy: string | Date;
  overdue: boolean;
  outcomeText: string | null;
  liftReason: string | null;
  allowedActions: CardAction[];
  history: { id: number; at: string | Date; action: string; actorName: string | null; reason: string | null }[];
}

/** The desk's form to issue a yellow card, or a red one (on its own or after a yellow card not rectified). */
export function IssueCardForm({
  reply,
  yellowsNotRectified,
  submissionKey,
}: {
  reply: CardFormReply | null;
  yellowsNotRectified: CardOfUnit[];
  submissionKey: string;
}) {
  const [form, fields] = useForm({
    id: "issue-card",
    lastResult: reply?.form === "issue-card" ? reply.result : undefined,
    defaultValue: { colour: "yellow", rectifyWorkingDays: "15" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: issueCardSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <details open={reply?.form === "issue-card"}>
      <summary>{t("card.issue")}</summary>
      <Form method="post" {...getFormProps(form)} className="grid" aria-label={t("card.issue")}>
        <input type="hidden" name="intent" value="issueCard" />
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <FormErrors form={form} />
        <SelectField meta={fields.colour} label={t("card.colourLabel")} hint={t("card.colourHint")}>
          {CARD_COLOURS.map((colour) => (
            <option key={colour} value={colour}>
              {tKey("card.colour", colour)}
            </option>
          ))}
        </SelectField>
        <TextField
          meta={fields.rectifyWorkingDays}
          type="number"
          min={1}
          max={MAX_RECTIFY_WORKING_DAYS}
          label={t("card.rectifyWorkingDays")}
        />
        <TextAreaField meta={fields.reason} label={t("card.reason")} wide />
        <TextField meta={fields.legalBasis} label={t("card.legalBasis")} wide />
        <TextAreaField meta={fields.evidence} label={t("card.evidence")} wide />
        <TextField meta={fields.penaltyDecisionNo} label={t("card.penaltyDecisionNo")} />
        <SelectField meta={fields.followsId} label={t("card.follows")}>
          <option value="">{t("card.followsNone")}</option>
          {yellowsNotRectified.map((card) => (
            <option key={card.id} value={card.id}>
              {tKey("card.colour", card.colour)} · {showDateTime(card.issuedAt)} · {card.reason.slice(0, 20)}
            </option>
          ))}
        </SelectField>
        <div className="field wide">
          <button type="submit">{t("card.issue")}</button>
        </div>
      </Form>
    </details>
  );
}

function CardStepForm({
  card,
  action,
  reply,
  submissionKey,
}: {
  card: CardOfUnit;
  action: CardAction;
  reply: CardFormReply | null;
  submissionKey: string;
}) {
  const id = `card-${card.id}-${action}`;
  const [form, fields] = useForm({
    id,
    lastResult: reply?.form === id ? reply.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: cardStepSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <details open={reply?.form === id}>
      <summary>{tKey("card.action", action)}</summary>
      <Form method="post" {...getFormProps(form)} aria-label={tKey("card.action", action)}>
        <input type="hidden" name="intent" value={action} />
        <input type="hidden" name="cardId" value={card.id} />
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <FormErrors form={form} />
        <TextAreaField meta={fields.text} label={tKey("card.text", action)} />
        <button type="submit" className={action === "lift" ? "danger" : undefined}>
          {tKey("card.action", action)}
        </button>
      </Form>
    </details>
  );
}

/** A unit's cards, newest first: what was issued and why, the deadline, the finding, the record, the steps open now. */
export function UnitCardList({
  cards,
  reply,
  submissionKey,
}: {
  cards: CardOfUnit[];
  reply: CardFormReply | null;
  submissionKey: string;
}) {
  if (cards.length === 0) return <p className="muted">{t("card.none")}</p>;
  return (
    <ol className="unit-cards">
      {cards.map((card) => (
        <li key={card.id} className={`unit-card unit-card-${card.colour}`} aria-labelledby={`card-${card.id}-title`}>
          <h3 id={`card-${card.id}-title`}>
            {tKey("card.colour", card.colour)} · {tKey("card.state", card.state)}
            {card.overdue ? <strong className="overdue-text"> {t("card.overdue")}</strong> : null}
          </h3>
          <dl className="fields">
            <dt>{t("card.issuedAt")}</dt>
            <dd>
              {showDateTime(card.issuedAt)} · {card.issuedByName}
            </dd>
            <dt>{t("card.rectifyBy")}</dt>
            <dd>
              {showDateTime(card.rectifyBy)}（{t("card.rectifyWorkingDays")} {card.rectifyWorkingDays}）
            </dd>
            <dt>{t("card.reason")}</dt>
            <dd>{card.reason}</dd>
            <dt>{t("card.legalBasis")}</dt>
            <dd>{card.legalBasis}</dd>
            <dt>{t("card.evidence")}</dt>
            <dd>{card.evidence}</dd>
            {card.penaltyDecisionNo ? (
              <>
                <dt>{t("card.penaltyDecisionNo")}</dt>
                <dd>{card.penaltyDecisionNo}</dd>
              </>
            ) : null}
            {card.outcomeText ? (
              <>
                <dt>{t("card.outcome")}</dt>
                <dd>{card.outcomeText}</dd>
              </>
            ) : null}
            {card.liftReason ? (
              <>
                <dt>{t("card.text.lift")}</dt>
                <dd>{card.liftReason}</dd>
              </>
            ) : null}
          </dl>
          <details>
            <summary>{t("card.history")}</summary>
            <ul className="card-history">
              {card.history.map((event) => (
                <li key={event.id}>
                  {showDateTime(event.at)} {tKey("card.step", event.action)}
                  {event.actorName ? ` · ${event.actorName}` : ""}
                </li>
              ))}
            </ul>
          </details>
          {card.allowedActions.map((action) => (
            // Keyed by the card's state: a step taken starts the next one's form afresh.
            <CardStepForm
              key={`${action}-${card.state}`}
              card={card}
              action={action}
              reply={reply}
              submissionKey={submissionKey}
            />
          ))}
        </li>
      ))}
    </ol>
  );
}
