import { Alert, Button } from "antd";
import { errorText } from "../api/errors";
import { useI18n } from "../i18n/i18n-context";

/** An error a person can act on: what happened (from the server, in their language) and a retry. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, lang } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t("common.loadFailed")}
      description={errorText(error, lang)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t("common.retry")}
          </Button>
        ) : undefined
      }
    />
  );
}
