import { Descriptions, Space, Tag, Typography } from "antd";
import dayjs from "dayjs";
import type { CaseDetail } from "../../api/types";
import { CaseSyncTag } from "../../components/case-sync-tag";
import { StatusTag } from "../../components/status-tag";
import { useI18n } from "../../i18n/i18n-context";
import { caseKindKey } from "../../lib/labels";
import { useSiteName } from "../../lib/sites";
import { RevealIdLink } from "./reveal-id-dialog";

/** Who, what and where: the case's facts, personal numbers masked. */
export function CaseSummary({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  const site = useSiteName();
  const a = detail.applicant;
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2 }}
      title={
        <Space wrap>
          <Typography.Text strong style={{ fontSize: 18 }}>
            {detail.item.name}
          </Typography.Text>
          <StatusTag status={detail.status} stage={detail.stage} />
          <Tag>{t(caseKindKey[detail.item.kind])}</Tag>
          <Tag color={detail.mode === "proxy" ? "purple" : "cyan"}>
            {t(detail.mode === "proxy" ? "intake.mode.proxy" : "intake.mode.assist")}
          </Tag>
          {detail.conflictOpen && <Tag color="error">{t("case.conflict")}</Tag>}
        </Space>
      }
    >
      <Descriptions.Item label={t("case.number")}>{detail.caseNumber}</Descriptions.Item>
      <Descriptions.Item label={t("case.submittedAt")}>
        {dayjs(detail.createdAt).format("YYYY-MM-DD HH:mm")}
      </Descriptions.Item>
      <Descriptions.Item label={t("case.applicant")}>{a.name}</Descriptions.Item>
      <Descriptions.Item label={t("person.idNumber")}>
        <span style={{ fontFamily: "monospace" }}>{a.idMasked}</span>
        <RevealIdLink detail={detail} who="applicant" />
      </Descriptions.Item>
      <Descriptions.Item label={t("person.phone")}>{a.phoneMasked}</Descriptions.Item>
      <Descriptions.Item label={t("person.address")}>{a.address || "—"}</Descriptions.Item>
      {detail.agent && (
        <Descriptions.Item label={t("case.agent")} span={2}>
          {detail.agent.name}（{detail.agent.relation}） ·{" "}
          <span style={{ fontFamily: "monospace" }}>{detail.agent.idMasked}</span>
          <RevealIdLink detail={detail} who="agent" /> · {detail.agent.phoneMasked}
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t("case.originSite")}>
        {site(detail.originSiteId)}
      </Descriptions.Item>
      <Descriptions.Item label={t("case.handlingSite")}>
        {site(detail.handlingSiteId)}
      </Descriptions.Item>
      <Descriptions.Item label={t("case.pickupSite")}>
        {detail.pickupSiteId ? site(detail.pickupSiteId) : t("case.pickupSameAsHandling")}
      </Descriptions.Item>
      <Descriptions.Item label={t("ab.firstResponder")}>
        {detail.people[detail.firstResponderId] ?? detail.firstResponderId}
      </Descriptions.Item>
      <Descriptions.Item label={t("case.assignee")}>
        {detail.assigneeId ? (detail.people[detail.assigneeId] ?? detail.assigneeId) : "—"}
      </Descriptions.Item>
      {detail.syncState && (
        <Descriptions.Item label={t("sync.case.label")}>
          <CaseSyncTag state={detail.syncState} />
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}
