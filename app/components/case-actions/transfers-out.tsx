import { TRANSFER_MODES } from "~/domain/partners";
import { t, tKey } from "~/i18n";
import type { partnerChoices } from "~/models/transfers-out/partners.server";
import { ChoiceGroup, SelectField, TextAreaField, TextField } from "../form-fields";
import { ActionForm, type ActionFormProps, useCaseActionForm } from "./action-form";

export type PartnerChoices = Awaited<ReturnType<typeof partnerChoices>>;

/** Sending the case to a partner or another body, with the reason and the legal basis. */
export function TransferOutForm({ view, actionData, submissionKey, partners }: ActionFormProps & { partners: PartnerChoices }) {
  const [form, fields] = useCaseActionForm("transferOut", actionData, { mode: "transfer" });
  const greenline = partners.filter((partner) => partner.kind === "greenline");
  return (
    <ActionForm view={view} submissionKey={submissionKey} action="transferOut" form={form}>
      <SelectField meta={fields.partnerId} label={t("transfer.partner")}>
        <option value="">{t("common.select")}</option>
        {partners.map((partner) => (
          <option key={partner.id} value={partner.id}>
            {partner.name}
          </option>
        ))}
      </SelectField>
      <ChoiceGroup
        meta={fields.mode}
        legend={t("transfer.mode")}
        type="radio"
        options={TRANSFER_MODES.map((mode) => ({ value: mode, label: tKey("transfer.mode", mode) }))}
      />
      {greenline.length > 0 ? (
        <SelectField meta={fields.partnerTownship} label={t("transfer.partnerTownship")}>
          <option value="">{t("common.select")}</option>
          {greenline.map((partner) => (
            <optgroup key={partner.id} label={partner.name}>
              {partner.townships.map((township) => (
                <option key={township} value={township}>
                  {township}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>
      ) : null}
      <TextAreaField meta={fields.reason} label={t("transfer.reason")} />
      <TextAreaField meta={fields.legalBasis} label={t("transfer.legalBasis")} rows={2} />
      <TextField meta={fields.replyDays} type="number" min={1} max={90} label={t("transfer.replyDays")} />
    </ActionForm>
  );
}

/** The reply of a body without Greenline, from its letter (or a partner's, if it answered outside the system). */
export function TransferReplyForm({ view, actionData, submissionKey }: ActionFormProps) {
  const open = view.transfers.filter((transfer) => transfer.repliedAt === null && transfer.delivery !== "failed");
  const [form, fields] = useCaseActionForm("transferReply", actionData, { transferId: String(open[0]?.id ?? "") });
  return (
    <ActionForm view={view} submissionKey={submissionKey} action="transferReply" form={form}>
      <SelectField meta={fields.transferId} label={t("transfer.which")}>
        {open.map((transfer) => (
          <option key={transfer.id} value={transfer.id}>
            {transfer.partner.name} · {tKey("transfer.modeShort", transfer.mode)}
          </option>
        ))}
      </SelectField>
      <TextAreaField meta={fields.text} label={t("transfer.replyText")} />
    </ActionForm>
  );
}
