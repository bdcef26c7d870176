import {
  DomainError,
  type Handover,
  maskIdNumber,
  parseIdNumber,
  parsePersonName,
} from "@bangban/domain";
import { z } from "zod";

/** 送达 as the counter enters it: 本人, or 代领 with the collector's name and full ID number. */
export const handoverInput = z.object({
  how: z.enum(["self", "collector"], { message: "请选择本人领取或代领" }),
  collector: z
    .object({
      name: z.string().max(60, "姓名不超过 50 字"),
      idNumber: z.string().max(30, "身份证号码格式不正确"),
    })
    .optional(),
});
export type HandoverInput = z.infer<typeof handoverInput>;

/**
 * The complete event's `handover`: the collector's name and ID number checked with the domain
 * validators (fields named `handover.collector.*`), the ID then kept masked — the full number
 * was seen at the counter and is on the signed 送达回证; the journal needs no more (§8).
 */
export function handoverPayload(input: HandoverInput, today: string): Handover {
  if (input.how === "self") return { how: "self" };
  if (!input.collector) {
    throw new DomainError({
      code: "REQUIRED",
      field: "handover.collector.name",
      zh: "代领须填写领取人姓名和身份证号码",
      en: "代领 needs the collector's name and ID number",
    });
  }
  const name = parsePersonName(input.collector.name, "handover.collector.name");
  if (!name.ok) throw name.error;
  const id = parseIdNumber(input.collector.idNumber, {
    today,
    field: "handover.collector.idNumber",
  });
  if (!id.ok) throw id.error;
  return {
    how: "collector",
    collector: { name: name.value, idMasked: maskIdNumber(id.value.normalized) },
  };
}
