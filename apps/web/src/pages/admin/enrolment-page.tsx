import { CopyOutlined, KeyOutlined, StopOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Flex, Form, Result, Select, Space, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { errorText } from "../../api/errors";
import { pathFilter } from "../../api/keys";
import { trpcQuery } from "../../api/queries";
import { api } from "../../api/trpc";
import type { EnrolmentCode, StationRow } from "../../api/types";
import { useMe } from "../../auth/use-me";
import { CrudTable } from "../../components/kit/crud-table";
import { FormDialog } from "../../components/kit/form-dialog";
import { PageHeader } from "../../components/kit/page-header";
import { useI18n } from "../../i18n/i18n-context";
import { stationState } from "./station-state";

const TTL_HOURS = [1, 24, 72, 168] as const;

const when = (v: string | null) => (v ? dayjs(v).format("YYYY-MM-DD HH:mm") : "—");

/**
 * 站点登记 (hub): a one-time, expiring code for a community station to exchange for its own
 * sync credential on its first-run screen; the station list says which are enrolled, when
 * each last synced, and lets an administrator stop a credential at once.
 */
export function EnrolmentPage() {
  const { t, lang } = useI18n();
  const me = useMe();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [target, setTarget] = useState<StationRow | null>(null);
  const [issued, setIssued] = useState<EnrolmentCode | null>(null);
  const stations = useQuery({
    ...trpcQuery("admin.enrolment.listStations"),
    refetchInterval: 30_000,
  });
  const create = useMutation({
    mutationFn: (v: { siteId: string; ttlHours: number }) =>
      api.admin.enrolment.createCode.mutate(v),
  });
  const revoke = useMutation({
    mutationFn: (siteId: string) => api.admin.enrolment.revoke.mutate({ siteId }),
    onSuccess: () => client.invalidateQueries(pathFilter("admin.enrolment.listStations")),
  });
  const copy = (code: string) =>
    navigator.clipboard
      ?.writeText(code)
      .then(() => message.success(t("enrolment.copied")))
      .catch(() => message.info(t("enrolment.copyByHand")));
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t("enrolment.title")}
        subtitle={t(
          me.data?.node.siteKind === "district" ? "enrolment.introDistrict" : "enrolment.intro",
        )}
      />
      <CrudTable<StationRow>
        query={stations}
        rowKey="siteId"
        empty={t("enrolment.empty")}
        scroll={{ x: true }}
        columns={[
          {
            title: t("sites.name"),
            dataIndex: "name",
            render: (v: string, r) => (
              <Space orientation="vertical" size={0}>
                <span>{v}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.siteId}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t("users.state"),
            key: "state",
            render: (_: unknown, r) => {
              const s = stationState(r, new Date().toISOString());
              return <Tag color={s.colour}>{t(s.label)}</Tag>;
            },
          },
          { title: t("enrolment.enrolledAt"), dataIndex: "enrolledAt", render: when },
          { title: t("enrolment.lastSeen"), dataIndex: "lastSeenAt", render: when },
          { title: t("enrolment.lastPush"), dataIndex: "lastPushAt", render: when },
          {
            title: t("enrolment.pendingCodes"),
            key: "codes",
            render: (_: unknown, r) =>
              r.pendingCodes.length
                ? r.pendingCodes.map((c) => (
                    <div key={c.createdAt}>
                      {t("enrolment.codeUntil", { at: when(c.expiresAt) })}
                    </div>
                  ))
                : "—",
          },
        ]}
        actions={(r) => [
          {
            key: "code",
            label: t("enrolment.createCode"),
            icon: <KeyOutlined />,
            primary: !r.active,
            onClick: () => {
              setIssued(null);
              setTarget(r);
            },
          },
          {
            key: "revoke",
            label: t("enrolment.revoke"),
            icon: <StopOutlined />,
            danger: true,
            show: r.active,
            loading: revoke.isPending && revoke.variables === r.siteId,
            onClick: () =>
              modal.confirm({
                title: t("enrolment.revokeConfirm", { name: r.name }),
                content: t("enrolment.revokeHint"),
                okText: t("enrolment.revoke"),
                okButtonProps: { danger: true },
                cancelText: t("common.cancel"),
                onOk: () =>
                  revoke
                    .mutateAsync(r.siteId)
                    .then(() => message.success(t("enrolment.revoked")))
                    .catch((e: unknown) => message.error(errorText(e, lang), 6)),
              }),
          },
        ]}
      />
      <FormDialog<{ ttlHours: number }, EnrolmentCode>
        open={target !== null}
        title={
          issued
            ? t("enrolment.codeFor", { name: issued.siteName })
            : t("enrolment.createFor", { name: target?.name ?? "" })
        }
        name="enrolment-code"
        okText={t("enrolment.createCode")}
        initialValues={{ ttlHours: 24 }}
        // The code stays on screen while the dialog fades; the next opening clears it.
        onCancel={() => setTarget(null)}
        onSubmit={(v) =>
          target
            ? create.mutateAsync({ siteId: target.siteId, ttlHours: v.ttlHours })
            : Promise.reject(new Error("no station chosen"))
        }
        onDone={(code) => {
          setIssued(code);
          void client.invalidateQueries(pathFilter("admin.enrolment.listStations"));
        }}
        result={issued && <IssuedCode issued={issued} onCopy={() => copy(issued.code)} />}
        resultOkText={t("enrolment.noted")}
      >
        {target?.active && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t("enrolment.alreadyEnrolled")}
          />
        )}
        <Form.Item
          name="ttlHours"
          label={t("enrolment.ttl")}
          rules={[{ required: true, message: t("enrolment.ttlRequired") }]}
        >
          <Select
            options={TTL_HOURS.map((h) => ({
              value: h,
              label: h < 24 ? t("enrolment.hours", { n: h }) : t("enrolment.days", { n: h / 24 }),
            }))}
          />
        </Form.Item>
      </FormDialog>
    </Flex>
  );
}

/** The code, shown once: the administrator reads it out or copies it to the station. */
function IssuedCode(props: { issued: EnrolmentCode; onCopy: () => void }) {
  const { t } = useI18n();
  const { issued } = props;
  return (
    <Result
      status="success"
      style={{ padding: "8px 0" }}
      title={
        <Space>
          <Typography.Text
            data-testid="enrolment-code"
            style={{ fontFamily: "monospace", fontSize: 26, letterSpacing: 2 }}
          >
            {issued.code}
          </Typography.Text>
          <Button icon={<CopyOutlined />} onClick={props.onCopy}>
            {t("enrolment.copy")}
          </Button>
        </Space>
      }
      subTitle={
        <>
          <div>{t("enrolment.codeUntil", { at: when(issued.expiresAt) })}</div>
          <div>{t("enrolment.showOnce")}</div>
        </>
      }
    />
  );
}
