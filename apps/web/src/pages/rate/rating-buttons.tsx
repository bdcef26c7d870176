import { Button } from "antd";
import { useEffect } from "react";
import { useI18n } from "../../i18n/i18n-context";
import { RATING_FACES } from "./rating-faces";

/** Five large buttons, best first; digits 1–5 on a keyboard work too. */
export function RatingButtons(props: {
  busy: boolean;
  chosen?: number;
  onRate: (level: number) => void;
}) {
  const { t } = useI18n();
  const { busy, onRate } = props;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!busy && /^[1-5]$/.test(e.key)) onRate(Number(e.key));
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [busy, onRate]);
  return (
    <div
      style={{
        display: "grid",
        gridTemplateColumns: "repeat(auto-fit, minmax(180px, 1fr))",
        gap: 20,
        marginTop: 32,
      }}
    >
      {RATING_FACES.map((l) => (
        <Button
          key={l.level}
          disabled={props.busy}
          loading={props.busy && props.chosen === l.level}
          aria-pressed={props.chosen === l.level}
          onClick={() => props.onRate(l.level)}
          aria-label={t(l.label)}
          data-level={l.level}
          style={{
            height: 200,
            borderRadius: 20,
            border: `4px solid ${l.colour}`,
            // The chosen level stays marked while the resident rates the details below it.
            background: props.chosen === l.level ? `${l.colour}22` : undefined,
            color: l.colour,
            display: "flex",
            flexDirection: "column",
            alignItems: "center",
            justifyContent: "center",
            gap: 12,
          }}
        >
          <l.Icon style={{ fontSize: 72, lineHeight: 1 }} aria-hidden />
          <span style={{ fontSize: 28, fontWeight: 600 }}>{t(l.label)}</span>
        </Button>
      ))}
    </div>
  );
}
