import { EyeOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, List, Modal, Skeleton, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { trpcQuery } from "../../api/queries";
import type { CatalogEntry } from "../../api/types";
import { ErrorAlert } from "../../components/error-alert";
import { ItemGuide } from "../../components/item-guide";
import { useI18n } from "../../i18n/i18n-context";

/** 版本记录: every stored version of the item, each viewable as the public guide shows it. */
export function CatalogHistory(props: { code: string; entry: CatalogEntry | undefined }) {
  const { t } = useI18n();
  const { entry } = props;
  const [viewing, setViewing] = useState<number | null>(null);
  return (
    <>
      <Card size="small" title={t("catalog.history")}>
        {!entry ? (
          <Typography.Text type="secondary">{t("catalog.noHistory")}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={[...entry.versions].reverse()}
            renderItem={(v) => (
              <List.Item
                actions={[
                  <Button
                    key="view"
                    size="small"
                    type="link"
                    icon={<EyeOutlined />}
                    onClick={() => setViewing(v.version)}
                  >
                    {t("catalog.view")}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={t("catalog.versionN", { n: v.version })}
                  description={
                    <>
                      <div>{t("catalog.effectiveFromN", { date: v.effectiveFrom })}</div>
                      <div>
                        {t("catalog.storedAt", {
                          at: dayjs(v.storedAt).format("YYYY-MM-DD HH:mm"),
                        })}
                      </div>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
        <Typography.Paragraph
          type="secondary"
          style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}
        >
          {t("catalog.versionHint")}
        </Typography.Paragraph>
      </Card>
      <VersionView code={props.code} version={viewing} onClose={() => setViewing(null)} />
    </>
  );
}

/** One version of the item, read-only, as the public guide shows it. */
function VersionView(props: { code: string; version: number | null; onClose: () => void }) {
  const { t } = useI18n();
  const v = useQuery({
    ...trpcQuery("admin.catalog.get", { code: props.code, version: props.version ?? 1 }),
    enabled: props.version !== null,
  });
  return (
    <Modal
      open={props.version !== null}
      onCancel={props.onClose}
      footer={null}
      width={760}
      title={t("catalog.versionN", { n: props.version ?? 0 })}
    >
      {v.isPending ? (
        <Skeleton active />
      ) : v.isError ? (
        <ErrorAlert error={v.error} onRetry={() => void v.refetch()} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {t("catalog.effectiveFromN", { date: v.data.effectiveFrom })}
          </Typography.Paragraph>
          <ItemGuide item={v.data} full />
        </>
      )}
    </Modal>
  );
}
