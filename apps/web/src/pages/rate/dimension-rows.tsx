import { Button, Flex, Typography } from "antd";
import { useI18n } from "../../i18n/i18n-context";
import { OFFLINE_DIMENSIONS, type OfflineDimension, type RatingChoice } from "./rating-choice";
import { RATING_FACES } from "./rating-faces";

/**
 * The four offline dimensions under the level (整体满意度/服务效率/服务水平/服务态度): optional,
 * one tap each on a row of five faces; a second tap on the same face takes it back.
 */
export function DimensionRows(props: {
  choice: RatingChoice;
  disabled: boolean;
  onTap: (dim: OfflineDimension, level: number) => void;
}) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={12} style={{ marginTop: 32 }}>
      <Typography.Text style={{ fontSize: 22 }}>{t("rate.dimensions")}</Typography.Text>
      {OFFLINE_DIMENSIONS.map((dim) => (
        <Flex key={dim} gap={12} align="center" justify="center" wrap>
          <span style={{ fontSize: 22, minWidth: 140, textAlign: "right" }}>
            {t(`rate.dim.${dim}`)}
          </span>
          {RATING_FACES.map((f) => {
            const on = props.choice.dimensions[dim] === f.level;
            return (
              <Button
                key={f.level}
                disabled={props.disabled}
                aria-pressed={on}
                aria-label={`${t(`rate.dim.${dim}`)} ${t(f.label)}`}
                onClick={() => props.onTap(dim, f.level)}
                style={{
                  height: 56,
                  minWidth: 56,
                  borderRadius: 12,
                  border: `2px solid ${f.colour}`,
                  color: on ? "#fff" : f.colour,
                  background: on ? f.colour : undefined,
                }}
              >
                <f.Icon style={{ fontSize: 28 }} aria-hidden />
              </Button>
            );
          })}
        </Flex>
      ))}
    </Flex>
  );
}
