import { ArrowLeftOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Col, Flex, Row, Skeleton, Tabs } from "antd";
import { useNavigate, useParams } from "react-router";
import { trpcQuery } from "../../api/queries";
import { useMe } from "../../auth/use-me";
import { ErrorAlert } from "../../components/error-alert";
import { useI18n } from "../../i18n/i18n-context";
import { ConflictPanel } from "../conflicts/conflict-panel";
import { mayResolve } from "../conflicts/may-resolve";
import { CaseActions } from "./case-actions";
import { CaseSummary } from "./case-summary";
import { CustodyLog } from "./custody-log";
import { DeadlineClock } from "./deadline-clock";
import { MaterialsCard } from "./materials-card";
import { RectificationPanel } from "./rectification-panel";
import { RemarksCard } from "./remarks-card";
import { OpinionCard, PublicityHint } from "./review-notes";
import { isReviewScreen } from "./scans/review-checklist";
import { ReviewPanel } from "./scans/review-panel";
import { TimelineCard } from "./timeline-card";

/** One case: facts, clock, checklist, what can be done now, and its history. */
export function CasePage() {
  const { caseId = "" } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const me = useMe();
  const detail = useQuery({
    ...trpcQuery("cases.get", { caseId }),
    refetchInterval: 30_000,
  });
  const user = me.data?.user;
  return (
    <Flex vertical gap={16}>
      <div>
        <Button
          type="link"
          icon={<ArrowLeftOutlined />}
          onClick={() => navigate(-1)}
          style={{ paddingInline: 0 }}
        >
          {t("common.back")}
        </Button>
      </div>
      {detail.isPending ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : detail.isError ? (
        <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={16}>
              <CaseSummary detail={detail.data} />
            </Col>
            <Col xs={24} xl={8}>
              <DeadlineClock detail={detail.data} />
            </Col>
          </Row>
          <PublicityHint detail={detail.data} />
          <OpinionCard detail={detail.data} />
          {/* 审查: the reviewer goes through the scans beside the checklist, then acts. */}
          {isReviewScreen(user?.role, detail.data.status) && <ReviewPanel detail={detail.data} />}
          {user && <CaseActions detail={detail.data} user={user} />}
          {detail.data.conflicts.length > 0 && (
            <ConflictPanel detail={detail.data} canResolve={mayResolve(user?.role)} />
          )}
          <RectificationPanel detail={detail.data} />
          {!isReviewScreen(user?.role, detail.data.status) && (
            <MaterialsCard detail={detail.data} />
          )}
          <Tabs
            items={[
              {
                key: "timeline",
                label: t("case.timeline"),
                children: <TimelineCard detail={detail.data} />,
              },
              {
                key: "custody",
                label: t("case.custody"),
                children: <CustodyLog detail={detail.data} />,
              },
              {
                key: "remarks",
                label: t("case.remarks"),
                children: <RemarksCard detail={detail.data} />,
              },
            ]}
          />
        </>
      )}
    </Flex>
  );
}
