import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { t } from "~/i18n";

/** A route's error inside the page layout, so that the header and navigation stay. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // A 4xx thrown with a text (utils/request-input.server.ts badRequest) says what was wrong with the request.
  const explained =
    isRouteErrorResponse(error) && status >= 400 && status < 500 && typeof error.data === "string" && error.data !== "";
  const message =
    status === 404
      ? t("error.notFound")
      : status === 403
        ? t("error.forbidden")
        : explained
          ? (error.data as string)
          : status < 500
            ? t("error.badRequest")
            : t("error.generic");
  return (
    <div className="error-page" role="alert">
      <h1>{status}</h1>
      <p>{message}</p>
      <a href="/">{t("error.back")}</a>
    </div>
  );
}
