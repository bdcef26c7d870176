import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  Space,
  Tag,
  Timeline,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useParams } from "react-router";
import { pathFilter } from "../../api/keys";
import { trpcQuery } from "../../api/queries";
import { api } from "../../api/trpc";
import { PageHeader } from "../../components/kit/page-header";
import { QueryState } from "../../components/query-state";
import { useI18n } from "../../i18n/i18n-context";
import type { MessageKey } from "../../i18n/zh";
import { ActDialog } from "./act-dialog";
import { ComplainantText } from "./complainant-text";
import {
  actionButtons,
  type ComplaintAction,
  dueTag,
  fallbackStageTag,
  needsForm,
  stageTag,
  targetText,
} from "./complaint-view";
import { useNames } from "./use-names";

/** One complaint or 办不成事 record: what it is about, its deadlines, its timeline and the next step. */
export function ComplaintPage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const page = useQuery(trpcQuery("complaints.get", { id }));
  const names = useNames();
  const [acting, setActing] = useState<ComplaintAction | null>(null);
  const [clear, setClear] = useState<{
    name: string;
    phone: string;
    idNumber?: string;
    address?: string;
  } | null>(null);
  const refresh = () => client.invalidateQueries(pathFilter("complaints.get"));
  const step = (type: ComplaintAction) => {
    if (needsForm(type)) return setActing(type);
    modal.confirm({
      title: t(`complaints.action.${type}` as MessageKey),
      onOk: async () => {
        await api.complaints.act.mutate({ id, type } as never);
        message.success(t("common.saved"));
        await refresh();
      },
    });
  };
  const reveal = () => {
    let purpose = "";
    modal.confirm({
      title: t("complaints.reveal"),
      content: (
        <Input
          placeholder={t("complaints.revealPurpose")}
          onChange={(e) => (purpose = e.target.value)}
        />
      ),
      onOk: async () =>
        setClear((await api.complaints.revealComplainant.mutate({ id, purpose })).complainant),
    });
  };
  return (
    <QueryState query={page} empty="">
      {(c) => {
        const stage = c.kind === "fallback" ? fallbackStageTag(c.stage) : stageTag(c.stage);
        return (
          <Flex vertical gap={16}>
            <PageHeader
              title={t(c.kind === "fallback" ? "desk.record" : "complaints.one")}
              subtitle={<Tag color={stage.colour}>{t(stage.label)}</Tag>}
              extra={
                <Space wrap>
                  {actionButtons(c.actions).map((b) => (
                    <Button key={b.type} type="primary" onClick={() => step(b.type)}>
                      {t(b.label)}
                    </Button>
                  ))}
                </Space>
              }
            />
            <Card size="small">
              <Descriptions size="small" column={2} bordered>
                <Descriptions.Item label={t("complaints.col.registeredOn")}>
                  {c.registeredOn}
                </Descriptions.Item>
                <Descriptions.Item label={t("complaints.col.target")}>
                  {targetText(c.target, names) || "—"}
                </Descriptions.Item>
                {c.channel && (
                  <Descriptions.Item label={t("complaints.channel")}>
                    {t(`complaints.channel.${c.channel}` as MessageKey)}
                  </Descriptions.Item>
                )}
                {c.coordinatorId && (
                  <Descriptions.Item label={t("desk.coordinator")}>
                    {names.staff(c.coordinatorId)}
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t("complaints.col.complainant")}>
                  <Space>
                    {clear ? (
                      `${clear.name} ${clear.phone} ${clear.idNumber ?? ""} ${clear.address ?? ""}`
                    ) : (
                      <ComplainantText row={c} />
                    )}
                    {c.mayReveal && !clear && (
                      <Button size="small" onClick={reveal}>
                        {t("complaints.reveal")}
                      </Button>
                    )}
                  </Space>
                </Descriptions.Item>
                <Descriptions.Item label={t("complaints.col.dues")}>
                  {c.dues.map((d) => {
                    const tag = dueTag(d);
                    return (
                      <Tag key={d.what} color={tag.colour}>
                        {t(tag.label)} {tag.date}
                      </Tag>
                    );
                  })}
                </Descriptions.Item>
                <Descriptions.Item label={t("complaints.content")} span={2}>
                  <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>
                    {c.content}
                  </Typography.Paragraph>
                </Descriptions.Item>
                {c.result && (
                  <Descriptions.Item label={t("complaints.result")} span={2}>
                    {c.result}
                  </Descriptions.Item>
                )}
                {c.filedResult && (
                  <Descriptions.Item label={t("complaints.filedResult")} span={2}>
                    {c.filedResult}
                  </Descriptions.Item>
                )}
                {c.reply && (
                  <Descriptions.Item label={t("complaints.reply")} span={2}>
                    <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>
                      {c.reply}
                    </Typography.Paragraph>
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
            <Card size="small" title={t("complaints.timeline")}>
              <Timeline
                items={c.timeline.map((e) => ({
                  key: e.id,
                  children: `${dayjs(e.at).format("YYYY-MM-DD HH:mm")} ${t(`complaints.event.${e.type}` as MessageKey)} · ${names.staff(e.userId)}`,
                }))}
              />
            </Card>
            <ActDialog
              id={id}
              type={acting}
              written={c.written}
              onClose={(saved) => {
                setActing(null);
                if (saved) void refresh();
              }}
            />
          </Flex>
        );
      }}
    </QueryState>
  );
}
