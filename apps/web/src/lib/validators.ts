import { parsePhone } from "@bangban/domain";
import type { Lang } from "../i18n/lang";
import { idFeedback } from "../pages/intake/id-check";

/** antd rule validators built on the domain's own checks, with its Chinese/English messages. */
type Validator = (rule: unknown, value: string | undefined) => Promise<void>;

const reject = (msg: string) => Promise.reject(new Error(msg));

/** While typing: refuses only what cannot become a valid ID number. */
export function idWhileTyping(today: string, lang: Lang): Validator {
  return (_r, v) => {
    const f = idFeedback(v, today);
    return f.kind === "error" ? reject(f[lang]) : Promise.resolve();
  };
}

/**
 * On leaving the field and on submit: only what {@link idWhileTyping} lets through (a number
 * still short). antd runs every rule of a field on submit and lists each refusal, so a
 * refusal both rules made (a wrong check digit) was shown twice. Give `idWhileTyping` the
 * blur trigger too, so leaving the field still shows its refusals.
 */
export function idFinished(today: string, lang: Lang): Validator {
  return (_r, v) => {
    if (idFeedback(v, today).kind === "error") return Promise.resolve();
    const f = idFeedback(v, today, true);
    return f.kind === "error" ? reject(f[lang]) : Promise.resolve();
  };
}

export function phoneValid(lang: Lang): Validator {
  return (_r, v) => {
    if (!v?.trim()) return Promise.resolve();
    const r = parsePhone(v);
    return r.ok ? Promise.resolve() : reject(r.error[lang]);
  };
}
