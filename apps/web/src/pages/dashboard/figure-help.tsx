import { QuestionCircleOutlined } from "@ant-design/icons";
import { Popover, Typography } from "antd";
import { useI18n } from "../../i18n/i18n-context";
import type { MessageKey } from "../../i18n/zh";

/** The ? beside a figure's title: which cases it counts and at which site (统计口径). */
export function FigureHelp({ help }: { help: MessageKey }) {
  const { t } = useI18n();
  return (
    <Popover
      title={t("dashboard.help.title")}
      trigger={["hover", "click"]}
      content={
        <Typography.Paragraph style={{ maxWidth: 340, margin: 0 }}>{t(help)}</Typography.Paragraph>
      }
    >
      <QuestionCircleOutlined
        role="button"
        tabIndex={0}
        aria-label={t("dashboard.help.title")}
        data-testid={`help-${help}`}
        style={{ color: "#8c8c8c", marginInlineStart: 6, cursor: "help" }}
      />
    </Popover>
  );
}

/** A figure's title with its help. */
export function HelpTitle({ title, help }: { title: string; help: MessageKey }) {
  return (
    <span>
      {title}
      <FigureHelp help={help} />
    </span>
  );
}
