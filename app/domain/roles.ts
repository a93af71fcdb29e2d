export const ROLES = ["operator", "dispatcher", "township", "leader", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Who reads the statistics pages, their exports and the statistics API. */
export const REPORT_READERS: readonly Role[] = ["leader", "dispatcher", "admin"];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Who is acting: enough to decide permissions without touching the database. */
export interface Actor {
  id: number;
  role: Role;
  /** The township or unit a township user belongs to. */
  townshipId: number | null;
}
