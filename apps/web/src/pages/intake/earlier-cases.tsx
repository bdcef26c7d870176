import { ImportOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "@tanstack/react-query";
import { App, Button, Card, Empty, Form, Skeleton, Table, Typography } from "antd";
import dayjs from "dayjs";
import { errorText } from "../../api/errors";
import { trpcQuery } from "../../api/queries";
import { api } from "../../api/trpc";
import type { EarlierCases as Earlier } from "../../api/types";
import { ErrorAlert } from "../../components/error-alert";
import { StatusTag } from "../../components/status-tag";
import { useI18n } from "../../i18n/i18n-context";

/** Written to the station's audit log with every lookup; auditors read Chinese. */
const LOOKUP_PURPOSE = { kind: "business", note: "收件时核对申请人既往办件" } as const;
const PREFILL_PURPOSE = { kind: "business", note: "收件时带入申请人既往登记的联系信息" } as const;

/**
 * 电子档案: the applicant's earlier cases at this station, masked. Looked up only once the
 * ID number is valid; every lookup is written to the audit log with its purpose.
 */
export function EarlierCases({ idNumber }: { idNumber: string | null }) {
  const { t } = useI18n();
  const lookup = useQuery({
    ...trpcQuery("residents.lookup", { idNumber: idNumber ?? "", purpose: LOOKUP_PURPOSE }),
    enabled: idNumber !== null,
    staleTime: 5 * 60_000,
  });
  return (
    <Card size="small" title={t("intake.earlier.title")} data-testid="earlier-cases">
      {idNumber === null ? (
        <Typography.Text type="secondary">{t("intake.earlier.waiting")}</Typography.Text>
      ) : lookup.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : lookup.isError ? (
        <ErrorAlert error={lookup.error} onRetry={() => void lookup.refetch()} />
      ) : lookup.data.cases.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t("intake.earlier.none", { id: lookup.data.idMasked })}
        />
      ) : (
        <EarlierTable data={lookup.data} idNumber={idNumber} />
      )}
    </Card>
  );
}

/**
 * 带入: the name, phone and address of an earlier case fill the applicant's fields. The ID
 * number is not fetched: the helper typed it, which is how the case was found (DOMAIN.md §8,
 * minimum necessary — a full number leaves the server only through the logged reveal).
 */
function usePrefill(idNumber: string) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const form = Form.useFormInstance();
  return useMutation({
    mutationFn: (caseId: string) =>
      api.residents.prefill.mutate({ idNumber, caseId, purpose: PREFILL_PURPOSE }),
    onSuccess: (p) => {
      form.setFieldsValue({ applicant: { name: p.name, phone: p.phone, address: p.address } });
      message.success(t("intake13.prefilled"));
    },
    onError: (e) => message.error(errorText(e, lang), 6),
  });
}

function EarlierTable({ data, idNumber }: { data: Earlier; idNumber: string }) {
  const { t } = useI18n();
  const prefill = usePrefill(idNumber);
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t("intake.earlier.found", { id: data.idMasked, n: data.cases.length })}
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="caseId"
        pagination={false}
        dataSource={data.cases}
        columns={[
          { title: t("case.number"), dataIndex: "caseNumber" },
          { title: t("case.item"), dataIndex: "itemName" },
          { title: t("case.applicant"), dataIndex: "applicantNameMasked" },
          {
            title: t("case.status"),
            dataIndex: "status",
            render: (_: unknown, r) => <StatusTag status={r.status} />,
          },
          {
            title: t("case.submittedAt"),
            dataIndex: "submittedAt",
            render: (v: string) => dayjs(v).format("YYYY-MM-DD"),
          },
          {
            title: "",
            key: "prefill",
            render: (_: unknown, r) => (
              <Button
                size="small"
                icon={<ImportOutlined />}
                loading={prefill.isPending && prefill.variables === r.caseId}
                onClick={() => prefill.mutate(r.caseId)}
              >
                {t("intake13.prefill")}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}
