import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { type SubmissionResult, getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { FieldError } from "~/components/field-error";
import { handlingUnitSchema, townshipSeatSchema } from "~/forms/admin";
import { t } from "~/i18n";
import { logger } from "~/logger.server";
import { addHandlingUnit, listTownships, setHandlingUnitActive, setTownshipSeat } from "~/models/reference/reference-data.server";
import { requireUser } from "~/session.server";
import { readFormData } from "~/utils/request-input.server";
import { replyErrors } from "~/utils/forms";

/** Where each township's government sits, by which Open311 reports with only a point find their township. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  const all = await listTownships({ includeUnits: true, includeInactive: true });
  return {
    townships: all.filter((unit) => unit.kind === "township"),
    units: all.filter((unit) => unit.kind !== "township"),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, ["admin"]);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "addUnit" || intent === "setUnitActive") return unitAction(user.username, formData);
  const submission = parseWithZod(formData, { schema: townshipSeatSchema });
  const townshipId = Number(submission.payload.townshipId) || null;
  if (submission.status !== "success") return data({ townshipId, result: submission.reply() }, { status: 400 });
  const { latitude, longitude } = submission.value;
  const seat = latitude !== undefined && longitude !== undefined ? { latitude, longitude } : null;
  if (!(await setTownshipSeat(submission.value.townshipId, seat))) {
    return data(
      { townshipId, result: submission.reply({ fieldErrors: replyErrors({ latitude: "unknownTownship" }) }) },
      { status: 400 },
    );
  }
  logger.info({ admin: user.username, townshipId, seat }, "township seat set");
  return redirect(`/admin/townships?saved=${submission.value.townshipId}`);
}

/** The handling units beside the townships: one added, or taken out of use and back (never deleted). */
async function unitAction(admin: string, formData: FormData) {
  const submission = parseWithZod(formData, { schema: handlingUnitSchema });
  if (submission.status !== "success") return data({ townshipId: null, result: submission.reply() }, { status: 400 });
  if (submission.value.intent === "addUnit") {
    const unit = await addHandlingUnit(submission.value.name);
    if (!unit) {
      const result = submission.reply({ fieldErrors: replyErrors({ name: "unitNameTaken" }) });
      return data({ townshipId: null, result }, { status: 400 });
    }
    logger.info({ admin, unitId: unit.id }, "handling unit added");
    return redirect(`/admin/townships?unit=${unit.id}`);
  }
  const { unitId, active } = submission.value;
  if (!(await setHandlingUnitActive(unitId, active === "true"))) {
    return data({ townshipId: null, result: submission.reply({ formErrors: [t("error.badRequest")] }) }, { status: 400 });
  }
  logger.info({ admin, unitId, active }, "handling unit changed");
  return redirect(`/admin/townships?unit=${unitId}`);
}

type Township = Awaited<ReturnType<typeof loader>>["townships"][number];

function SeatRow({ township, lastResult }: { township: Township; lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useForm({
    id: `seat-${township.id}`,
    lastResult,
    defaultValue: {
      latitude: township.seatLatitude?.toString() ?? "",
      longitude: township.seatLongitude?.toString() ?? "",
    },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: townshipSeatSchema }),
  });
  const coordinate = (field: typeof fields.latitude, label: string) => (
    <td>
      <label htmlFor={field.id} className="visually-hidden">
        {label}
      </label>
      <input {...getInputProps(field, { type: "text" })} inputMode="decimal" autoComplete="off" size={12} />
      <FieldError id={field.errorId} message={field.errors} />
    </td>
  );
  return (
    <tr>
      <th scope="row">{township.name}</th>
      {coordinate(fields.latitude, t("admin.townships.latitude", { name: township.name }))}
      {coordinate(fields.longitude, t("admin.townships.longitude", { name: township.name }))}
      <td>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="townshipId" value={township.id} />
          <button type="submit" aria-label={`${t("common.save")} ${township.name}`}>
            {t("common.save")}
          </button>
        </Form>
      </td>
    </tr>
  );
}

export default function AdminTownships() {
  const { townships, units } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const saved = townships.find((township) => String(township.id) === searchParams.get("saved"));
  const unset = townships.filter((township) => township.seatLatitude === null).length;
  return (
    <>
      <h1>{t("admin.townships.title")}</h1>
      <p className="muted">{t("admin.townships.intro")}</p>
      {saved && !actionData ? (
        <p className="flash flash-success" role="status">
          {t("admin.townships.saved", { name: saved.name })}
        </p>
      ) : null}
      {unset > 0 ? <p>{t("admin.townships.unset", { count: unset })}</p> : null}
      <table>
        <thead>
          <tr>
            <th scope="col">{t("admin.townships.township")}</th>
            <th scope="col">{t("admin.townships.latitudeHeader")}</th>
            <th scope="col">{t("admin.townships.longitudeHeader")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("common.save")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {townships.map((township) => (
            <SeatRow
              key={township.id}
              township={township}
              lastResult={actionData?.townshipId === township.id ? actionData.result : undefined}
            />
          ))}
        </tbody>
      </table>
      <HandlingUnits units={units} lastResult={actionData?.townshipId === null ? actionData.result : undefined} />
    </>
  );
}

/** Departments and other units the desk assigns to and asks to assist, beside the townships. */
function HandlingUnits({ units, lastResult }: { units: Township[]; lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useForm({
    id: "add-unit",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: handlingUnitSchema }),
  });
  return (
    <section className="panel" aria-labelledby="units-heading">
      <h2 id="units-heading">{t("admin.units.title")}</h2>
      <p className="muted">{t("admin.units.intro")}</p>
      <ul className="plain-list">
        {units.map((unit) => (
          <li key={unit.id} data-unit={unit.name}>
            {unit.name}
            {unit.active ? null : <span className="muted">（{t("common.inactive")}）</span>}{" "}
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="setUnitActive" />
              <input type="hidden" name="unitId" value={unit.id} />
              <input type="hidden" name="active" value={unit.active ? "false" : "true"} />
              <button
                type="submit"
                className="secondary"
                aria-label={`${unit.active ? t("admin.units.deactivate") : t("admin.units.activate")} ${unit.name}`}
              >
                {unit.active ? t("admin.units.deactivate") : t("admin.units.activate")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <Form method="post" {...getFormProps(form)} aria-label={t("admin.units.add")}>
        <input type="hidden" name="intent" value="addUnit" />
        <label htmlFor={fields.name.id}>{t("admin.units.name")}</label>
        <input {...getInputProps(fields.name, { type: "text" })} autoComplete="off" />
        <FieldError id={fields.name.errorId} message={fields.name.errors} />
        <button type="submit">{t("admin.units.add")}</button>
      </Form>
    </section>
  );
}
