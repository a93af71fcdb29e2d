import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endUserSession } from "~/session.server";

export const action = ({ request }: ActionFunctionArgs) => endUserSession(request);

export const loader = () => redirect("/");
