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

/** On leaving the field and on submit: the full check (empty is left to `required`). */
export function idFinished(today: string, lang: Lang): Validator {
  return (_r, v) => {
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
