import { t } from "~/i18n";
import { publicCardsWorkbook } from "~/models/enterprises/cards.server";

/** `/notices/cards.xlsx`: the public notice of red and yellow cards as a workbook, the page's rows exactly. */
export async function loader() {
  const workbook = await publicCardsWorkbook();
  return new Response(new Uint8Array(workbook), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(`${t("notices.title")}.xlsx`)}`,
    },
  });
}
