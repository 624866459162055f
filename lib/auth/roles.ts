/** Who may do what. `agent` keys speak the agent protocol only; people get viewer, operator or admin. */
export const ROLES = ["agent", "viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export type Permission = "read" | "write" | "admin" | "agent";

const GRANTS: Record<Role, readonly Permission[]> = {
  agent: ["agent"],
  viewer: ["read"],
  operator: ["read", "write"],
  admin: ["read", "write", "admin", "agent"],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export type Principal = { keyId: string; name: string; role: Role };

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
