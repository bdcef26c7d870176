import { ReloadOutlined } from "@ant-design/icons";
import { Button, DatePicker, Space } from "antd";
import dayjs from "dayjs";
import { type ReactNode, useState } from "react";
import { useI18n } from "../../i18n/i18n-context";
import { type DayRange, periodOfRange } from "./period";

/** The period a figures page shows (none chosen: the server's default) and its query input. */
export function usePeriod() {
  const [range, setRange] = useState<DayRange | null>(null);
  return { range, setRange, period: periodOfRange(range) };
}

/**
 * A figures page's bar (数据看板, 区级汇总): the period, either end open and none in the
 * future, and 刷新 for the figures' query; the page's own buttons (导出) after them.
 */
export function PeriodBar(props: {
  range: DayRange | null;
  onChange: (range: DayRange | null) => void;
  query: { isFetching: boolean; refetch: () => unknown };
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Space wrap>
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        value={props.range}
        onChange={(v) => props.onChange(v)}
        placeholder={[t("dashboard.from"), t("dashboard.to")]}
        disabledDate={(d) => d.isAfter(dayjs(), "day")}
      />
      <Button
        icon={<ReloadOutlined />}
        loading={props.query.isFetching}
        onClick={() => void props.query.refetch()}
      >
        {t("common.refresh")}
      </Button>
      {props.children}
    </Space>
  );
}
