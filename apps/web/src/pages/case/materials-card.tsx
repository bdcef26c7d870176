import { PaperClipOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Card, Space, Table, Tag } from "antd";
import { pathFilter } from "../../api/keys";
import type { CaseDetail } from "../../api/types";
import { useI18n } from "../../i18n/i18n-context";
import {
  materialStateColour,
  materialStateKey,
  requirementColour,
  requirementKey,
} from "../../lib/labels";
import { attachmentUrl } from "../../lib/upload";
import { AddScans } from "./add-scans";

type Material = CaseDetail["materials"][number];

/** The checklist as it stands: each material's state, 容缺 promise and scans. */
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
            title: t("material.attachments"),
            key: "attachments",
            render: (_: unknown, m) => (
              <Space size={4} wrap>
                {m.attachments.map((a) => (
                  <a key={a.hash} href={attachmentUrl(a.hash)} target="_blank" rel="noreferrer">
                    <PaperClipOutlined /> {a.name}
                  </a>
                ))}
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
