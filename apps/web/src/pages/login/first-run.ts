/**
 * Whether the sign-in screen should give way to the first-run enrolment: the station is not
 * enrolled and has no one who could sign in yet (its accounts arrive from the hub). A station
 * seeded with local accounts (the demo) signs in as usual and is offered enrolment beside it;
 * `?local` keeps the sign-in screen whatever the state.
 */
export function needsEnrolment(p: {
  enrolled: boolean | null | undefined;
  localUsers: number | undefined;
  forceLogin: boolean;
}): boolean {
  return p.enrolled === false && p.localUsers === 0 && !p.forceLogin;
}
