import { useQueryClient } from "@tanstack/react-query";
import { Card, Space, Table, Tag, Tooltip, Typography } from "antd";
import dayjs from "dayjs";
import { pathFilter } from "../../api/keys";
import type { CaseDetail } from "../../api/types";
import { useI18n } from "../../i18n/i18n-context";
import {
  materialStateColour,
  materialStateKey,
  requirementColour,
  requirementKey,
} from "../../lib/labels";
import { AddScans } from "./add-scans";
import { ScanThumbs } from "./scans/scan-thumbs";

type Material = CaseDetail["materials"][number];

/**
 * The checklist as it stands: each material's state, 容缺 promise, 审查 mark and scans
 * (thumbnails in page order; each opens the viewer).
 */
export function MaterialsCard({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  const client = useQueryClient();
  return (
    <Card size="small" title={t("case.materials")}>
      <Table<Material>
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={detail.materials}
        columns={[
          { title: t("material.name"), dataIndex: "name" },
          {
            title: t("material.requirement"),
            dataIndex: "requirement",
            render: (_: unknown, m) => (
              <Tag color={requirementColour[m.requirement]}>{t(requirementKey[m.requirement])}</Tag>
            ),
          },
          {
            title: t("material.state"),
            dataIndex: "state",
            render: (_: unknown, m) =>
              m.state === "missing" && m.requirement === "conditional" ? (
                <Tag>{t("materialState.notGiven")}</Tag>
              ) : (
                <Tag color={materialStateColour[m.state]}>{t(materialStateKey[m.state])}</Tag>
              ),
          },
          {
            title: t("material.promise"),
            key: "promise",
            render: (_: unknown, m) =>
              m.promise
                ? m.promise.suppliedOn
                  ? t("material.suppliedOn", { date: m.promise.suppliedOn })
                  : t("material.promisedBy", { date: m.promise.promisedBy })
                : "—",
          },
          {
            title: t("scan.review.title"),
            key: "check",
            render: (_: unknown, m) =>
              m.check ? (
                <Tooltip
                  title={t("scan.review.markedBy", {
                    who: detail.people[m.check.byUserId] ?? m.check.byUserId,
                    at: dayjs(m.check.at).format("MM-DD HH:mm"),
                  })}
                >
                  <Tag color={m.check.verdict === "ok" ? "success" : "error"}>
                    {t(m.check.verdict === "ok" ? "scan.review.ok" : "scan.review.needsCorrection")}
                  </Tag>
                  {m.check.reason && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {m.check.reason}
                    </Typography.Text>
                  )}
                </Tooltip>
              ) : (
                "—"
              ),
          },
          {
            title: t("material.attachments"),
            key: "attachments",
            render: (_: unknown, m) => (
              <Space size={6} wrap>
                <ScanThumbs scans={m.attachments} materialName={m.name} />
                <AddScans
                  caseId={detail.caseId}
                  materialCode={m.code}
                  onAdded={() =>
                    void client.invalidateQueries(
                      pathFilter("cases.get", { caseId: detail.caseId }),
                    )
                  }
                />
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
