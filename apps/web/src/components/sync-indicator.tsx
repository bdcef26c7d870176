import { CloudOutlined, CloudSyncOutlined, DisconnectOutlined } from "@ant-design/icons";
import { Space, Tag, Tooltip } from "antd";
import { useBrowserOnline, useHealth } from "../api/health";
import { useI18n } from "../i18n/i18n-context";
import { syncState } from "../lib/sync-state";

/**
 * Online/offline and changes waiting for the hub, on every screen. "Offline" here means this
 * browser cannot reach its station server; the station's own link to the hub shows as
 * pending changes (from /healthz).
 */
export function SyncIndicator() {
  const { t } = useI18n();
  const online = useBrowserOnline();
  const health = useHealth();
  const state = syncState({
    browserOnline: online,
    reachable: health.isSuccess && !health.isError,
    checking: health.isPending,
    health: health.data ?? null,
  });
  const colour = { online: "success", pending: "warning", offline: "error", checking: "default" }[
    state.kind
  ];
  const icon =
    state.kind === "offline" ? (
      <DisconnectOutlined />
    ) : state.kind === "pending" ? (
      <CloudSyncOutlined />
    ) : (
      <CloudOutlined />
    );
  return (
    <Tooltip title={t(`sync.${state.kind}.hint`, { n: state.pending })}>
      <Space size={4} role="status" aria-live="polite" data-testid="sync-indicator">
        <Tag color={colour} icon={icon} style={{ marginInlineEnd: 0 }}>
          {t(`sync.${state.kind}`, { n: state.pending })}
        </Tag>
      </Space>
    </Tooltip>
  );
}
