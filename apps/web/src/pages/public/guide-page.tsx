import { ArrowLeftOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Flex, Skeleton } from "antd";
import { useNavigate, useParams } from "react-router";
import { trpcQuery } from "../../api/queries";
import { ErrorAlert } from "../../components/error-alert";
import { ItemGuide } from "../../components/item-guide";
import { useI18n } from "../../i18n/i18n-context";

/** One item's 办事指南 (public): materials, process, time limits and the supervision phone. */
export function GuidePage() {
  const { code = "" } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const item = useQuery({
    ...trpcQuery("catalog.get", { code }),
    staleTime: 5 * 60_000,
  });
  return (
    <Flex vertical gap={16}>
      <div>
        <Button
          type="link"
          icon={<ArrowLeftOutlined />}
          onClick={() => navigate("/public")}
          style={{ paddingInline: 0 }}
        >
          {t("public.backToGuides")}
        </Button>
      </div>
      <Card>
        {item.isPending ? (
          <Skeleton active paragraph={{ rows: 10 }} />
        ) : item.isError ? (
          <ErrorAlert error={item.error} onRetry={() => void item.refetch()} />
        ) : (
          <ItemGuide item={item.data} full />
        )}
      </Card>
    </Flex>
  );
}
