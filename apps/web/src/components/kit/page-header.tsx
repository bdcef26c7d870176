import { ArrowLeftOutlined, QuestionCircleOutlined } from "@ant-design/icons";
import { Button, Flex, Tooltip, Typography } from "antd";
import type { ReactNode } from "react";

/** Props of {@link PageHeader}. */
export interface PageHeaderProps {
  title: ReactNode;
  /** One line under the title: what the page is for, or what it shows now. */
  subtitle?: ReactNode;
  /** A longer explanation behind a ? beside the title. */
  help?: ReactNode;
  /** The page's main action(s), on the right. */
  extra?: ReactNode;
  /** A link back above the title (an editor's way back to its list). */
  back?: { label: ReactNode; onClick: () => void };
  /** Stays at the top while the page scrolls (a long editor keeps its save button in reach). */
  sticky?: boolean;
}

/** The top of every screen: title, a line of help, and the primary action on the right. */
export function PageHeader(props: PageHeaderProps) {
  const header = (
    <Flex
      justify="space-between"
      align="center"
      wrap
      gap={8}
      style={
        props.sticky
          ? { position: "sticky", top: 0, zIndex: 10, background: "#f5f5f5", padding: "8px 0" }
          : undefined
      }
    >
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {props.title}
          {props.help && (
            <Tooltip title={props.help}>
              <QuestionCircleOutlined
                style={{ fontSize: 16, marginInlineStart: 8, color: "rgba(0,0,0,0.45)" }}
              />
            </Tooltip>
          )}
        </Typography.Title>
        {props.subtitle && <Typography.Text type="secondary">{props.subtitle}</Typography.Text>}
      </div>
      {props.extra}
    </Flex>
  );
  if (!props.back) return header;
  return (
    <>
      <div>
        <Button
          type="link"
          icon={<ArrowLeftOutlined />}
          onClick={props.back.onClick}
          style={{ paddingInline: 0 }}
        >
          {props.back.label}
        </Button>
      </div>
      {header}
    </>
  );
}
