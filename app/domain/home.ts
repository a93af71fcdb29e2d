import type { Role } from "./roles";

/** Where each role starts its working day. */
export function homePathFor(role: Role): string {
  switch (role) {
    case "operator":
      return "/intake";
    case "dispatcher":
      return "/dispatch";
    case "township":
      return "/inbox";
    case "admin":
      return "/admin/users";
    case "leader":
      return "/cases?overdue=1";
  }
}
