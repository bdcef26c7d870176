import { createCallerFactory, hubRouter, type SessionUser } from "@bangban/api";
import { CENTER, type HubHarness, STATION_A, type TrpcClient } from "./harness";

export interface Detail {
  caseId: string;
  caseNumber: string;
  status: string;
  handlingSiteId: string;
}

const applicant = {
  name: "王秀英",
  idNumber: "33010619400101004X",
  phone: "13812345678",
  address: "宝石一弄 8 号",
};

/** 高龄津贴申领 with every material the item asks for, as a receiver fills it in. */
export function elderlyIntake(phone = applicant.phone, name = applicant.name) {
  return {
    itemCode: "MZ-GF-001",
    applicant: { ...applicant, phone, name },
    mode: "assist",
    residentPresent: true,
    materials: ["ID_CARD", "HOUSEHOLD_REGISTER", "BANK_OR_SOCIAL_SECURITY_CARD", "PHOTO"].map(
      (code) => ({ code, state: "provided" }),
    ),
  };
}

/** 城乡居民医保参保登记: an immediate item (即办件), completed on the spot. */
export function insuranceIntake() {
  return {
    itemCode: "YB-GG-001",
    applicant: {
      ...applicant,
      name: "李建国",
      idNumber: "440524188001010014",
      phone: "13900001111",
    },
    mode: "assist",
    residentPresent: true,
    materials: [{ code: "ID_OR_HOUSEHOLD_REGISTER", state: "provided" }],
  };
}

/** Calls a mutation and fails the test with the API's message when it is refused. */
export async function ok<T = Detail>(c: TrpcClient, path: string, input: unknown): Promise<T> {
  const r = await c.mutate<T>(path, input);
  if (r.status !== 200) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.error)}`);
  return r.data as T;
}

/** The resident rates on their own screen: a receiver opens the invitation, the resident submits. */
export async function rate(receiver: TrpcClient, caseId: string, level: number) {
  const { token } = await ok<{ token: string }>(receiver, "cases.openRating", { caseId });
  await ok(receiver, "rating.submit", { token, level });
}

/**
 * A station's helper working through the same router, as a station node would before its
 * changes reach the hub by sync: the hub's services seen from station A's site.
 */
export function stationCaller(h: HubHarness) {
  const user: SessionUser = {
    id: "u-zhangli",
    username: "zhangli",
    displayName: "张丽",
    role: "helper",
    siteId: STATION_A,
    tokenHash: "",
    locked: false,
  };
  const services = {
    ...h.services,
    site: { id: STATION_A, name: "宝石社区便民服务站", kind: "station" as const, parentId: CENTER },
  };
  const req = {
    requestId: "station-test",
    ip: "station",
    sessionToken: null,
    bearer: null,
    setSessionCookie: () => {},
    clearSessionCookie: () => {},
  };
  return createCallerFactory(hubRouter)({ services, req, user });
}

/** The case as `c` reads it (cases.get); throws with the error when it cannot. */
export async function detail<T = Detail>(c: TrpcClient, caseId: string): Promise<T> {
  const r = await c.query<T>("cases.get", { caseId });
  if (!r.data) throw new Error(JSON.stringify(r.error));
  return r.data;
}

/** A 高龄津贴 taken in and accepted by the center lead, in review with the reviewer chenjing. */
export async function caseInReview(h: HubHarness) {
  const lead = await h.as("sunhua");
  const c = await ok(lead, "cases.intake", elderlyIntake());
  await ok(lead, "cases.accept", { caseId: c.caseId });
  const reviewer = await h.as("chenjing");
  await ok(reviewer, "cases.startReview", { caseId: c.caseId });
  return { caseId: c.caseId, reviewer };
}
