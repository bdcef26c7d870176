import { Button } from "antd";
import { useEffect } from "react";
import { useI18n } from "../../i18n/i18n-context";
import { ratingKey } from "../../lib/labels";

const LEVELS = [
  { level: 5, face: "😄", colour: "#237804" },
  { level: 4, face: "🙂", colour: "#52c41a" },
  { level: 3, face: "😐", colour: "#d48806" },
  { level: 2, face: "🙁", colour: "#d4380d" },
  { level: 1, face: "😠", colour: "#a8071a" },
] as const;

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
      {LEVELS.map((l) => (
        <Button
          key={l.level}
          disabled={props.busy}
          loading={props.busy && props.chosen === l.level}
          onClick={() => props.onRate(l.level)}
          aria-label={t(ratingKey[l.level])}
          data-level={l.level}
          style={{
            height: 200,
            borderRadius: 20,
            border: `4px solid ${l.colour}`,
            color: l.colour,
            display: "flex",
            flexDirection: "column",
            alignItems: "center",
            justifyContent: "center",
            gap: 12,
          }}
        >
          <span style={{ fontSize: 72, lineHeight: 1 }} aria-hidden>
            {l.face}
          </span>
          <span style={{ fontSize: 28, fontWeight: 600 }}>{t(ratingKey[l.level])}</span>
        </Button>
      ))}
    </div>
  );
}
