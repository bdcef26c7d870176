import { Card, Table, Typography } from "antd";
import { useI18n } from "../../i18n/i18n-context";
import {
  CHANNEL_LABELS,
  type ChannelMix,
  type ChannelRow,
  channelRows,
  shownChannels,
} from "./channel-mix";
import { HelpTitle } from "./figure-help";
import { percentText, type StationFreshness } from "./figures";
import { FreshnessLine } from "./freshness-line";

/** 评价渠道构成: ratings per channel per site, and the share given on the resident's own phone. */
export function ChannelMixCard({
  mix,
  stations,
}: {
  mix: ChannelMix;
  stations: StationFreshness[];
}) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      data-testid="rating-channels"
      title={<HelpTitle title={t("dashboard.channels.title")} help="dashboard.channels.help" />}
    >
      <Table<ChannelRow>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={channelRows(mix)}
        locale={{ emptyText: t("dashboard.channels.empty") }}
        scroll={{ x: "max-content" }}
        columns={[
          {
            title: t("dashboard.channels.site"),
            key: "site",
            render: (_: unknown, r) =>
              r.name ?? <Typography.Text strong>{t("dashboard.channels.total")}</Typography.Text>,
          },
          ...shownChannels(mix).map((c) => ({
            title: t(CHANNEL_LABELS[c]),
            key: c,
            align: "right" as const,
            render: (_: unknown, r: ChannelRow) => r.counts[c],
          })),
          { title: t("dashboard.channels.total"), dataIndex: "total", align: "right" },
          {
            title: t("dashboard.channels.qrShare"),
            key: "qrShare",
            align: "right",
            render: (_: unknown, r) => percentText(r.qrShare),
          },
        ]}
      />
      <FreshnessLine stations={stations} compact />
    </Card>
  );
}
