import {
  CloudOutlined,
  CloudServerOutlined,
  CloudSyncOutlined,
  DisconnectOutlined,
  ExclamationCircleOutlined,
  StopOutlined,
} from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Popover, Progress, Space, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { type ReactNode, useEffect } from "react";
import { Link } from "react-router";
import { type QuarantinedCase, useBrowserOnline, useHealth } from "../api/health";
import { HEALTH_KEY, pathFilter } from "../api/keys";
import { api } from "../api/trpc";
import { useMe } from "../auth/use-me";
import { useI18n } from "../i18n/i18n-context";
import { canSyncNow, type SyncKind, syncState } from "../lib/sync-state";

const COLOUR: Record<SyncKind, string> = {
  hub: "success",
  online: "success",
  pending: "warning",
  catchingUp: "processing",
  hubOffline: "warning",
  notEnrolled: "warning",
  offline: "error",
  checking: "default",
};

const ICON: Record<SyncKind, ReactNode> = {
  hub: <CloudServerOutlined />,
  online: <CloudOutlined />,
  pending: <CloudSyncOutlined />,
  catchingUp: <CloudSyncOutlined spin />,
  hubOffline: <DisconnectOutlined />,
  notEnrolled: <ExclamationCircleOutlined />,
  offline: <DisconnectOutlined />,
  checking: <CloudOutlined />,
};

/**
 * Online/offline, changes waiting for the hub and a long catch-up's progress, on every screen.
 * "Offline" means this browser cannot reach its own server; a station that cannot reach its
 * hub keeps working and says so, with the changes waiting (from /healthz).
 */
export function SyncIndicator() {
  const { t } = useI18n();
  const online = useBrowserOnline();
  const health = useHealth();
  const districtNode = useMe().data?.node.siteKind === "district";
  const state = syncState({
    browserOnline: online,
    reachable: health.isSuccess && !health.isError,
    checking: health.isPending,
    health: health.data ?? null,
  });
  // A round that moved something changes what each case's 已同步/待上传 tag says: the case
  // screens read it again then, not at their own next poll (up to 30 s later).
  const queryClient = useQueryClient();
  const settled = `${state.lastSuccessAt ?? ""} ${state.pending}`;
  useEffect(() => {
    if (!settled.trim()) return;
    void queryClient.invalidateQueries(pathFilter("cases.get"));
    void queryClient.invalidateQueries(pathFilter("cases.list"));
  }, [settled, queryClient]);
  const p = state.progress;
  const vars = {
    n: state.pending,
    percent: p?.percent ?? 0,
    done: p?.changesDone ?? 0,
    total: p?.changesTotal ?? 0,
    mbDone: p?.mbDone ?? 0,
    mbTotal: p?.mbTotal ?? 0,
    cases: p?.cases ?? 0,
  };
  const last = state.lastSuccessAt
    ? t("sync.lastSuccess", { at: dayjs(state.lastSuccessAt).format("MM-DD HH:mm") })
    : null;
  const held = health.data?.quarantined ?? [];
  // "All synced" is not true while a case is held back: say what is.
  const hintKey =
    held.length > 0 && state.kind === "online"
      ? "sync.online.hintHeld"
      : (`sync.${state.kind}.hint` as const);
  const hint = (
    <div style={{ maxWidth: 320 }}>
      <div>
        {t(districtNode && state.kind === "hub" ? "sync.district.hint" : hintKey, {
          ...vars,
          held: held.length,
        })}
      </div>
      {last && state.kind !== "hub" && <div style={{ opacity: 0.8 }}>{last}</div>}
      <SyncNowButton kind={state.kind} />
    </div>
  );
  return (
    <Space size={6} role="status" aria-live="polite" data-testid="sync-indicator">
      <Popover content={hint}>
        <Tag color={COLOUR[state.kind]} icon={ICON[state.kind]} style={{ marginInlineEnd: 0 }}>
          {t(districtNode && state.kind === "hub" ? "sync.district" : `sync.${state.kind}`, vars)}
        </Tag>
      </Popover>
      <QuarantineTag cases={held} />
      {p && (
        <Progress
          data-testid="sync-catch-up"
          percent={p.percent}
          size={[140, 8]}
          status="active"
          aria-label={t("sync.catchingUp.hint", vars)}
        />
      )}
    </Space>
  );
}

/**
 * 立即同步: any signed-in user of an enrolled station starts a round now (after the hub came
 * back, instead of waiting for the loop), and sees how it went.
 */
function SyncNowButton({ kind }: { kind: SyncKind }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const queryClient = useQueryClient();
  const now = useMutation({
    mutationFn: () => api.system.syncNow.mutate(),
    onSuccess: (status) => {
      if (status?.lastError) void message.warning(t("sync.now.failed"));
      else void message.success(t("sync.now.done"));
    },
    onSettled: () => queryClient.invalidateQueries(),
  });
  if (!canSyncNow(kind, !!me.data?.user)) return null;
  return (
    <Button
      size="small"
      type="primary"
      icon={<CloudSyncOutlined />}
      loading={now.isPending}
      onClick={() => now.mutate()}
      style={{ marginTop: 8 }}
      data-testid="sync-now"
    >
      {t("sync.now")}
    </Button>
  );
}

/**
 * Cases the hub refused for good: named, with its reason, so a person can deal with them. A
 * station lead sends one again (重新提交) once the center fixed the cause.
 */
function QuarantineTag({ cases }: { cases: QuarantinedCase[] }) {
  const { t } = useI18n();
  const me = useMe();
  const queryClient = useQueryClient();
  const release = useMutation({
    mutationFn: (caseId: string) => api.system.releaseQuarantine.mutate({ caseId }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: HEALTH_KEY }),
  });
  if (cases.length === 0) return null;
  const lead = me.data?.user?.role === "station_lead";
  const list = (
    <div style={{ maxWidth: 420 }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t("sync.quarantined.hint")}
      </Typography.Paragraph>
      {cases.map((q) => (
        <div key={q.caseId} style={{ marginBottom: 8 }}>
          <Link to={`/cases/${q.caseId}`}>{q.caseNumber ?? q.caseId}</Link>
          {q.itemName ? ` ${q.itemName}` : ""}
          <div style={{ color: "#cf1322" }}>{q.zh}</div>
          {lead && (
            <Button
              size="small"
              loading={release.isPending && release.variables === q.caseId}
              disabled={q.released}
              onClick={() => release.mutate(q.caseId)}
            >
              {q.released ? t("sync.quarantined.releasing") : t("sync.quarantined.release")}
            </Button>
          )}
        </div>
      ))}
      {!lead && <Typography.Text type="secondary">{t("sync.quarantined.askLead")}</Typography.Text>}
    </div>
  );
  return (
    <Popover content={list} title={t("sync.quarantined.title")} trigger="click">
      <Tag
        color="error"
        icon={<StopOutlined />}
        data-testid="sync-quarantined"
        style={{ cursor: "pointer" }}
      >
        {t("sync.quarantined", { n: cases.length })}
      </Tag>
    </Popover>
  );
}
