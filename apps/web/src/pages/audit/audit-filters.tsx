import { useQuery } from "@tanstack/react-query";
import { Button, DatePicker, Form, Input, Select, Space, Switch, Tooltip } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect } from "react";
import { apiErrorOf } from "../../api/errors";
import { trpcQuery } from "../../api/queries";
import { useI18n } from "../../i18n/i18n-context";
import {
  ACTION_FILTERS,
  type AuditFilter,
  type AuditSiteChoice,
  actionLabel,
  auditSiteOptions,
  personText,
} from "./audit-view";

interface Values {
  site?: string;
  userId?: string;
  action?: string;
  caseNumber?: string;
  dates?: [Dayjs, Dayjs] | null;
  access: boolean;
}

const FORM_FIELDS = ["site", "userId", "action", "caseNumber", "from", "to"] as const;

/**
 * The viewer's filters: the log (site), person, action or 查阅记录, case number, dates. Applied
 * on 查询; a refusal naming one of them (`to` before `from`, a malformed case number) is shown
 * beside that field.
 */
export function AuditFilters(props: {
  sites: AuditSiteChoice[];
  value: AuditFilter;
  onApply: (f: AuditFilter) => void;
  error: unknown;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const site = Form.useWatch("site", form) ?? props.value.site;
  const access = Form.useWatch("access", form) ?? props.value.access;
  const people = useQuery({
    ...trpcQuery("audit.people", site ? { site } : {}),
    staleTime: 5 * 60_000,
  });

  useEffect(() => {
    if (!props.error) return;
    const e = apiErrorOf(props.error);
    const field = FORM_FIELDS.find((f) => f === e.field);
    if (!field) return;
    const name = field === "from" || field === "to" ? "dates" : field;
    form.setFields([{ name, errors: [e[lang] || e.zh] }]);
  }, [props.error, form, lang]);

  const apply = (v: Values) =>
    props.onApply({
      site: v.site,
      userId: v.userId,
      action: v.action,
      caseNumber: v.caseNumber,
      from: v.dates?.[0]?.format("YYYY-MM-DD"),
      to: v.dates?.[1]?.format("YYYY-MM-DD"),
      access: v.access,
    });

  return (
    <Form<Values>
      form={form}
      layout="inline"
      onFinish={apply}
      initialValues={{
        ...props.value,
        dates:
          props.value.from && props.value.to
            ? [dayjs(props.value.from), dayjs(props.value.to)]
            : null,
      }}
      style={{ rowGap: 8 }}
    >
      {props.sites.length > 1 && (
        <Form.Item name="site" label={t("audit.site")}>
          <Select
            style={{ width: 300 }}
            popupMatchSelectWidth={false}
            placeholder={props.sites.find((s) => s.own)?.name}
            title={t("audit.site.search")}
            showSearch
            optionFilterProp="search"
            onChange={() => form.setFieldValue("userId", undefined)}
            options={auditSiteOptions(props.sites, t)}
          />
        </Form.Item>
      )}
      <Form.Item name="userId" label={t("audit.filter.person")}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 180 }}
          loading={people.isPending}
          options={(people.data ?? []).map((u) => ({
            value: u.id,
            label: personText({ userId: u.id, userName: u.displayName, userRole: u.role }, t, lang),
          }))}
        />
      </Form.Item>
      <Form.Item name="action" label={t("audit.filter.action")}>
        <Select
          allowClear
          disabled={access}
          style={{ width: 200 }}
          options={ACTION_FILTERS.map((a) => ({
            value: a.value,
            label: a.value.endsWith(".*") ? t(a.label) : actionLabel(a.value, t, lang),
          }))}
        />
      </Form.Item>
      <Form.Item name="caseNumber" label={t("audit.filter.case")}>
        <Input allowClear style={{ width: 250 }} placeholder={t("audit.filter.casePlaceholder")} />
      </Form.Item>
      <Form.Item name="dates" label={t("audit.filter.dates")}>
        <DatePicker.RangePicker allowEmpty={[true, true]} />
      </Form.Item>
      <Tooltip title={t("audit.filter.accessHint")}>
        <Form.Item name="access" label={t("audit.filter.access")} valuePropName="checked">
          <Switch data-testid="audit-access" />
        </Form.Item>
      </Tooltip>
      <Space>
        <Button type="primary" htmlType="submit">
          {t("audit.filter.apply")}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            form.setFieldsValue({ site: props.value.site, dates: null, access: false });
            apply({ site: props.value.site, access: false });
          }}
        >
          {t("audit.filter.clear")}
        </Button>
      </Space>
    </Form>
  );
}
