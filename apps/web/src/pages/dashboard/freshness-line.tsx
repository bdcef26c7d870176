import { ClockCircleOutlined } from "@ant-design/icons";
import { Space, Tag, Tooltip, Typography } from "antd";
import dayjs from "dayjs";
import { useI18n } from "../../i18n/i18n-context";
import { agoText, FRESH_COLOUR, type StationFreshness } from "./figures";

/**
 * How fresh the stations' data behind a figure is: each station and when the hub last
 * received its cases. The center's own cases are always current.
 */
export function FreshnessLine({
  stations,
  compact,
}: {
  stations: StationFreshness[];
  compact?: boolean;
}) {
  const { t } = useI18n();
  if (stations.length === 0) return null;
  return (
    <div data-testid="freshness" style={{ marginTop: compact ? 8 : 0 }}>
      <Space size={[4, 4]} wrap>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <ClockCircleOutlined /> {t("fresh.label")}
        </Typography.Text>
        {stations.map((s) => (
          <Tooltip
            key={s.siteId}
            title={
              s.minutes === null
                ? t("fresh.neverHint")
                : t("fresh.asOf", {
                    at: dayjs().subtract(s.minutes, "minute").format("YYYY-MM-DD HH:mm"),
                  })
            }
          >
            <Tag
              color={FRESH_COLOUR[s.level]}
              style={{ marginInlineEnd: 0, fontSize: compact ? 11 : 12 }}
            >
              {s.name} · {agoText(s.minutes, t)}
              {s.revoked ? ` · ${t("fresh.revoked")}` : ""}
            </Tag>
          </Tooltip>
        ))}
      </Space>
    </div>
  );
}
