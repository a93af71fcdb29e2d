import { useNavigate, useSubmit } from "@remix-run/react";
import { type FormEvent, useRef, useState } from "react";

export type UploadState = { phase: "idle" } | { phase: "sending"; progress: number } | { phase: "failed" };

/**
 * Sends a step with files the way a phone on one bar of signal needs (docs/decisions/0014): with a
 * progress bar, and when the connection drops, the typed text and the chosen files stay on the page and
 * "resend" sends the same submission again — its submission key makes the server take the step once,
 * however many times it arrives. Without JavaScript the form is a plain multipart post.
 */
export function useResilientUpload() {
  const [state, setState] = useState<UploadState>({ phase: "idle" });
  const pending = useRef<{ url: string; body: FormData } | null>(null);
  const navigate = useNavigate();
  const submit = useSubmit();

  const send = (url: string, body: FormData) => {
    pending.current = { url, body };
    setState({ phase: "sending", progress: 0 });
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) setState({ phase: "sending", progress: event.loaded / event.total });
    };
    request.onerror = request.ontimeout = request.onabort = () => setState({ phase: "failed" });
    request.onload = () => {
      const landed = new URL(request.responseURL || url, window.location.href);
      if (request.status < 400 && landed.searchParams.has("done")) {
        pending.current = null;
        setState({ phase: "idle" });
        navigate(`${landed.pathname}${landed.search}`, { replace: true });
      } else {
        // Refused (a file the server would not keep, a changed case): let the page show why, as it does
        // for any submission. The same key comes along, so this second post cannot take the step twice.
        setState({ phase: "idle" });
        submit(body, { method: "post", action: url, encType: "multipart/form-data" });
      }
    };
    request.send(body);
  };

  /** Takes over a valid submission that carries files; others go the usual way. */
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (event.defaultPrevented) return;
    const form = event.currentTarget;
    const body = new FormData(form);
    const hasFiles = body.getAll("files").some((file) => file instanceof File && file.size > 0);
    if (!hasFiles) return;
    event.preventDefault();
    send(form.getAttribute("action") ?? window.location.pathname, body);
  };

  const resend = () => {
    if (pending.current) send(pending.current.url, pending.current.body);
  };

  return { state, onSubmit, resend };
}
