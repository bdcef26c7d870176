/**
 * Per-jurisdiction numbers. DOMAIN.md: "rules vary by province and city, so every number
 * here belongs in per-jurisdiction config". Defaults follow DOMAIN.md; a hub can override them.
 */
export interface JurisdictionRules {
  /** Yellow warning when this many working days or fewer are left (§3.6). */
  yellowAtWorkdaysLeft: number;
  /** Licences: a correction notice later than this many days after receipt means the case counts as accepted (§2). */
  licenceCorrectionNoticeDays: number;
  /** Station cases are forwarded to the center within this many working days (§2). */
  stationForwardWorkdays: number;
  /** What happens when a 容缺 promise is missed (§4): terminate at once, or suspend with grace then return (Taizhou). */
  deferredOverduePolicy: "terminate" | "suspend_then_return";
  /** Grace period for `suspend_then_return`, in working days. */
  deferredGraceWorkdays: number;
  /** Reminders before a 容缺 promise falls due, in working days before it (0 = on the due day). */
  deferredReminderWorkdaysBefore: number[];
  /** 差评 must be rectified and fed back within this many working days (§5). */
  badRatingRectifyWorkdays: number;
  /** Invite a rating this many natural days after completion (§5). */
  ratingInviteAfterDays: number;
  /** Default an unrated case to 基本满意 after N natural days; off unless a jurisdiction turns it on (§5). */
  ratingAutoDefault: { enabled: boolean; afterNaturalDays: number };
  /** Complex complaints are answered within this many working days (§6). */
  complaintComplexWorkdays: number;
  /** A substantiated complaint's result is filed within this many working days of closing (§6). */
  complaintFileResultWorkdays: number;
  /** ... and the complainant is called back within this many working days of closing (§6). */
  complaintCallbackWorkdays: number;
  /** Substantiated complaints per staff member per year that trigger removal from the window (§6). */
  complaintRemovalThreshold: number;
  /** Extension granted to a licence by the head's approval, in working days (§3.4). */
  licenceExtensionWorkdays: number;
  /** Extension for joint handling (联办), in working days (§3.4). */
  jointExtensionWorkdays: number;
  /** AB岗: an absent A's open cases go to the B post after A has been away this many working days. */
  absenceReassignAfterWorkdays: number;
}

export const defaultRules: JurisdictionRules = {
  yellowAtWorkdaysLeft: 2,
  licenceCorrectionNoticeDays: 5,
  stationForwardWorkdays: 3,
  deferredOverduePolicy: "terminate",
  deferredGraceWorkdays: 15,
  deferredReminderWorkdaysBefore: [3, 1, 0],
  badRatingRectifyWorkdays: 5,
  ratingInviteAfterDays: 3,
  ratingAutoDefault: { enabled: false, afterNaturalDays: 7 },
  complaintComplexWorkdays: 5,
  complaintFileResultWorkdays: 2,
  complaintCallbackWorkdays: 4,
  complaintRemovalThreshold: 2,
  licenceExtensionWorkdays: 10,
  jointExtensionWorkdays: 15,
  absenceReassignAfterWorkdays: 1,
};

export function rulesWith(overrides: Partial<JurisdictionRules>): JurisdictionRules {
  return { ...defaultRules, ...overrides };
}
