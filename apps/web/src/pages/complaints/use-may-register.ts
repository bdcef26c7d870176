import { STAFF } from "@bangban/domain";
import { useMe } from "../../auth/use-me";

/**
 * Whether the signed-in user registers complaints here: staff do, where people reach them; a
 * district administrator (no desk of their own) reads the ledgers, and the server would refuse.
 */
export function useMayRegister(): boolean {
  const role = useMe().data?.user?.role;
  return role !== undefined && STAFF.includes(role);
}
