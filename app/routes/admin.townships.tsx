import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { type SubmissionResult, getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { FieldError } from "~/components/field-error";
import { townshipSeatSchema } from "~/forms/admin";
import { t } from "~/i18n";
import { logger } from "~/logger.server";
import { listTownships, setTownshipSeat } from "~/models/reference/reference-data.server";
import { requireUser } from "~/session.server";
import { readFormData } from "~/utils/request-input.server";
import { replyErrors } from "~/utils/forms";

/** Where each township's government sits, by which Open311 reports with only a point find their township. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  return { townships: await listTownships({ includeInactive: true }) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, ["admin"]);
  const submission = parseWithZod(await readFormData(request), { schema: townshipSeatSchema });
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
  const { townships } = useLoaderData<typeof loader>();
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
    </>
  );
}
