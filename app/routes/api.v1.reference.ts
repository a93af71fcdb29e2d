import type { LoaderFunctionArgs } from "@remix-run/node";
import { API_SCOPES } from "~/domain/api-keys";
import { loadCaseVocabulary } from "~/models/reference/reference-data.server";
import { apiRequest, json } from "~/utils/api.server";

/** `GET /api/v1/reference`: the townships, categories and channels a transfer names. */
export function loader({ request }: LoaderFunctionArgs) {
  return apiRequest(request, API_SCOPES, async () => {
    const vocabulary = await loadCaseVocabulary();
    return json({
      townships: vocabulary.townships.map((township) => township.name),
      categories: vocabulary.categories.map((category) => ({ code: category.code, name: category.name })),
      channels: vocabulary.channels.map((channel) => ({ code: channel.code, name: channel.name })),
    });
  });
}
