/**
 * Who may call which group of procedures. The groups are the domain's (one list each, shared
 * with the state machine and the web); case commands take theirs from the machine's rule
 * (`staffRolesFor`), and the machine checks each event again.
 */
export {
  ADMIN_READERS,
  ADMINS,
  READERS,
  RECEIVERS,
  STAFF as CASE_STAFF,
  STATION_STAFF,
} from "@bangban/domain";
