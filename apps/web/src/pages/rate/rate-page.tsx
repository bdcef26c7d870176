import { useMutation, useQuery } from "@tanstack/react-query";
import { Button, Result, Spin, Typography } from "antd";
import { useState } from "react";
import { useParams } from "react-router";
import { errorText } from "../../api/errors";
import { trpcQuery } from "../../api/queries";
import { api } from "../../api/trpc";
import { LocaleSwitch } from "../../components/locale-switch";
import { useI18n } from "../../i18n/i18n-context";
import { DimensionRows } from "./dimension-rows";
import { RatingButtons } from "./rating-buttons";
import { NO_CHOICE, type RatingChoice, ratingSubmission, tapDimension } from "./rating-choice";

/**
 * 好差评, facing the resident on the station's second screen: five large buttons for the level,
 * then the four offline dimensions (optional, one tap each) and 提交评价. Public (the invitation
 * token is the permission); the rater is never recorded.
 */
export function RatePage() {
  const { token = "" } = useParams();
  const { t, lang } = useI18n();
  const show = useQuery({
    ...trpcQuery("rating.show", { token }),
    retry: false,
    refetchOnWindowFocus: false,
  });
  const [choice, setChoice] = useState<RatingChoice>(NO_CHOICE);
  const submit = useMutation({
    mutationFn: (c: RatingChoice) => {
      const body = ratingSubmission(c);
      if (!body) throw new Error("no level chosen");
      return api.rating.submit.mutate({ token, ...body });
    },
  });
  const body = () => {
    if (show.isPending) return <Spin size="large" />;
    if (show.isError)
      return (
        <Result
          status="warning"
          title={t("rate.unavailable")}
          subTitle={errorText(show.error, lang)}
        />
      );
    if (submit.isSuccess || show.data.alreadyRated)
      return (
        <Result
          status="success"
          title={<span style={{ fontSize: 44 }}>{t("rate.thanks")}</span>}
          subTitle={<span style={{ fontSize: 22 }}>{t("rate.thanksHint")}</span>}
        />
      );
    return (
      <div style={{ width: "100%", maxWidth: 1100, textAlign: "center" }}>
        <Typography.Title level={1} style={{ fontSize: 44, marginBottom: 8 }}>
          {t("rate.question")}
        </Typography.Title>
        <Typography.Paragraph style={{ fontSize: 22, color: "#595959" }}>
          {show.data.siteName} · {show.data.itemName}
        </Typography.Paragraph>
        <RatingButtons
          busy={submit.isPending}
          chosen={choice.level ?? undefined}
          onRate={(level) => setChoice((c) => ({ ...c, level }))}
        />
        {choice.level !== null && (
          <>
            <DimensionRows
              choice={choice}
              disabled={submit.isPending}
              onTap={(dim, level) => setChoice((c) => tapDimension(c, dim, level))}
            />
            <Button
              type="primary"
              size="large"
              loading={submit.isPending}
              onClick={() => submit.mutate(choice)}
              style={{ marginTop: 32, height: 72, minWidth: 280, fontSize: 28, borderRadius: 16 }}
              data-testid="rate-submit"
            >
              {t("rate.submit")}
            </Button>
          </>
        )}
        {submit.isError && (
          <Typography.Paragraph type="danger" style={{ fontSize: 22, marginTop: 24 }} role="alert">
            {errorText(submit.error, lang)}
          </Typography.Paragraph>
        )}
        <Typography.Paragraph type="secondary" style={{ fontSize: 18, marginTop: 32 }}>
          {t("rate.privacy")}
        </Typography.Paragraph>
      </div>
    );
  };
  return (
    <div
      style={{
        minHeight: "100vh",
        background: "#fffaf5",
        display: "grid",
        placeItems: "center",
        padding: 24,
      }}
    >
      <div style={{ position: "fixed", top: 16, right: 16 }}>
        <LocaleSwitch />
      </div>
      {body()}
    </div>
  );
}
