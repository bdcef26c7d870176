import {
  ArrowLeftOutlined,
  DeleteOutlined,
  EyeOutlined,
  PlusOutlined,
  SaveOutlined,
} from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useEffect, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { type ApiError, apiErrorOf } from "../../api/errors";
import { api } from "../../api/trpc";
import { ErrorAlert } from "../../components/error-alert";
import { ItemGuide } from "../../components/item-guide";
import { useI18n } from "../../i18n/i18n-context";
import type { Lang } from "../../i18n/lang";
import { dropDraft, loadDraft, saveDraft } from "../../lib/draft-storage";
import { showFieldError } from "../../lib/form-errors";
import { caseKindKey, itemTypeKey, requirementKey } from "../../lib/labels";
import { localToday } from "../../lib/today";
import {
  type CatalogForm,
  draftProblem,
  emptyForm,
  fieldMessage,
  formFieldOf,
  formToItem,
  itemToForm,
  MATERIAL_FORMS,
  nextEffectiveFrom,
} from "./catalog-form";

const ITEM_TYPES = Object.keys(itemTypeKey) as (keyof typeof itemTypeKey)[];
const CASE_KINDS = Object.keys(caseKindKey) as (keyof typeof caseKindKey)[];
const LEVELS = ["STATION", "CENTER", "DEPARTMENT"] as const;
const REQUIREMENTS = ["mandatory", "deferrable", "conditional"] as const;

interface Draft {
  base: number;
  values: CatalogForm;
}

/** One version of the item, read-only, as the public guide shows it. */
function VersionView(props: { code: string; version: number | null; onClose: () => void }) {
  const { t } = useI18n();
  const v = useQuery({
    queryKey: ["admin.catalog.get", props.code, props.version],
    queryFn: () => api.admin.catalog.get.query({ code: props.code, version: props.version ?? 1 }),
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

/** Lines of text (受理条件, 办理流程) edited as a list. */
function LinesField(props: { name: string; label: string; add: string; required: string }) {
  const { t } = useI18n();
  return (
    <Form.List name={["guide", props.name]}>
      {(fields, { add, remove }, { errors }) => (
        <Form.Item label={props.label} required>
          <Space orientation="vertical" style={{ width: "100%" }}>
            {fields.map((field, i) => (
              <Flex key={field.key} gap={8}>
                <Typography.Text type="secondary" style={{ width: 24, paddingTop: 5 }}>
                  {i + 1}.
                </Typography.Text>
                <Form.Item
                  name={[field.name]}
                  style={{ flex: 1, marginBottom: 0 }}
                  rules={[{ required: true, whitespace: true, message: props.required }]}
                >
                  <Input maxLength={500} />
                </Form.Item>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t("common.delete")}
                  onClick={() => remove(field.name)}
                  disabled={fields.length <= 1}
                />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add("")}>
              {props.add}
            </Button>
            <Form.ErrorList errors={errors} />
          </Space>
        </Form.Item>
      )}
    </Form.List>
  );
}

function MaterialsField() {
  const { t } = useI18n();
  const form = Form.useFormInstance<CatalogForm>();
  const rows = Form.useWatch(["guide", "materials"], form) ?? [];
  return (
    <Form.List name={["guide", "materials"]}>
      {(fields, { add, remove }) => (
        <Space orientation="vertical" style={{ width: "100%" }} size="middle">
          {fields.map((field, i) => {
            const conditional = rows[field.name]?.requirement === "conditional";
            return (
              <Card
                key={field.key}
                size="small"
                type="inner"
                title={t("catalog.materialN", { n: i + 1 })}
                extra={
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    disabled={fields.length <= 1}
                  >
                    {t("common.delete")}
                  </Button>
                }
              >
                <Row gutter={12}>
                  <Col xs={24} md={8}>
                    <Form.Item
                      name={[field.name, "code"]}
                      label={t("catalog.materialCode")}
                      rules={[{ required: true, whitespace: true, message: t("catalog.required") }]}
                      normalize={(v: string) => v.toUpperCase()}
                    >
                      <Input
                        maxLength={64}
                        placeholder="ID_CARD"
                        style={{ fontFamily: "monospace" }}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={16}>
                    <Form.Item
                      name={[field.name, "name"]}
                      label={t("material.name")}
                      rules={[{ required: true, whitespace: true, message: t("catalog.required") }]}
                    >
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item
                      name={[field.name, "requirement"]}
                      label={t("material.requirement")}
                      rules={[{ required: true, message: t("catalog.required") }]}
                    >
                      <Select
                        options={REQUIREMENTS.map((r) => ({
                          value: r,
                          label: t(requirementKey[r]),
                        }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={10}>
                    <Form.Item
                      name={[field.name, "form"]}
                      label={t("catalog.materialForm")}
                      rules={[{ required: true, message: t("catalog.required") }]}
                    >
                      <Select options={MATERIAL_FORMS.map((f) => ({ value: f, label: f }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item
                      name={[field.name, "copies"]}
                      label={t("catalog.copies")}
                      rules={[{ required: true, message: t("catalog.required") }]}
                    >
                      <InputNumber min={1} max={20} precision={0} style={{ width: "100%" }} />
                    </Form.Item>
                  </Col>
                  {conditional && (
                    <Col xs={24}>
                      <Form.Item
                        name={[field.name, "condition"]}
                        label={t("catalog.condition")}
                        rules={[
                          {
                            required: true,
                            whitespace: true,
                            message: t("catalog.conditionRequired"),
                          },
                        ]}
                      >
                        <Input maxLength={200} placeholder={t("catalog.conditionHint")} />
                      </Form.Item>
                    </Col>
                  )}
                  <Col xs={24}>
                    <Form.Item
                      name={[field.name, "note"]}
                      label={t("catalog.note")}
                      style={{ marginBottom: 0 }}
                    >
                      <Input maxLength={500} />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            );
          })}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ requirement: "mandatory", form: "原件", copies: 1 })}
          >
            {t("catalog.addMaterial")}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}

/** A complaint beside its field (its technical path dropped), or null when not on the form. */
function placeCatalogError(
  form: ReturnType<typeof Form.useForm<CatalogForm>>[0],
  e: unknown,
  lang: Lang,
) {
  const err = apiErrorOf(e);
  const name = err.field ? formFieldOf(err.field) : null;
  if (name && showFieldError(form, name, fieldMessage(err[lang] || err.zh))) return null;
  return err;
}

/**
 * Edits one item of the 实施清单. Saving never changes a stored version: the hub stores the
 * next one with its own effective date, and cases keep the version they were taken under.
 * What is typed is kept as a draft on this tab until it is saved.
 */
export function CatalogEditPage() {
  const { code: param = "new" } = useParams();
  const isNew = param === "new";
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<CatalogForm>();
  const [error, setError] = useState<ApiError | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);
  const [restored, setRestored] = useState(false);
  const draftKey = `catalog:${param}`;
  const item = useQuery({
    queryKey: ["admin.catalog.get", param, "latest"],
    queryFn: () => api.admin.catalog.get.query({ code: param }),
    enabled: !isNew,
  });
  const list = useQuery({
    queryKey: ["admin.catalog.list"],
    queryFn: () => api.admin.catalog.list.query(),
  });
  const entry = list.data?.items.find((i) => i.code === param);
  const base = isNew ? 0 : (item.data?.version ?? null);
  const kind = Form.useWatch("kind", form);
  const noLegal = Form.useWatch(["guide", "noLegalLimit"], form);
  const hasExtension = Form.useWatch(["guide", "hasExtension"], form);
  const hasPublicity = Form.useWatch(["guide", "hasPublicity"], form);

  // Fill the form once the latest version is known: a draft of this version first.
  useEffect(() => {
    if (base === null) return;
    const draft = loadDraft<Draft>(draftKey);
    const today = localToday();
    const start =
      draft && draft.base === base
        ? draft.values
        : isNew
          ? emptyForm(today)
          : item.data
            ? {
                ...itemToForm(item.data),
                effectiveFrom: nextEffectiveFrom(item.data.effectiveFrom, today),
              }
            : null;
    if (!start) return;
    form.resetFields();
    form.setFieldsValue(start);
    setRestored(Boolean(draft && draft.base === base));
  }, [base, draftKey]);

  const save = useMutation({
    mutationFn: (values: CatalogForm) =>
      api.admin.catalog.saveItem.mutate({ item: formToItem(values), expectedVersion: base ?? 0 }),
    onSuccess: async (r) => {
      dropDraft(draftKey);
      message.success(t("catalog.saved", { n: r.item.version }));
      await client.invalidateQueries({ queryKey: ["admin.catalog.list"] });
      await client.invalidateQueries({ queryKey: ["admin.catalog.get", r.item.code] });
      await client.invalidateQueries({ queryKey: ["catalog.list"] });
      if (isNew) navigate(`/catalog/${encodeURIComponent(r.item.code)}`, { replace: true });
    },
    onError: (e) => setError(placeCatalogError(form, e, lang)),
  });

  const submit = async () => {
    setError(null);
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const values = form.getFieldsValue(true) as CatalogForm;
    const problem = draftProblem(values);
    if (problem) {
      setError(placeCatalogError(form, { code: "INVALID_FORMAT", ...problem }, lang));
      return;
    }
    save.mutate(values);
  };

  const discard = () => {
    dropDraft(draftKey);
    setRestored(false);
    const today = localToday();
    form.resetFields();
    form.setFieldsValue(
      isNew || !item.data
        ? emptyForm(today)
        : {
            ...itemToForm(item.data),
            effectiveFrom: nextEffectiveFrom(item.data.effectiveFrom, today),
          },
    );
  };

  if (!isNew && item.isPending) return <Skeleton active paragraph={{ rows: 14 }} />;
  if (!isNew && item.isError)
    return <ErrorAlert error={item.error} onRetry={() => void item.refetch()} />;
  const next = (base ?? 0) + 1;
  return (
    <Flex vertical gap={16}>
      <div>
        <Button
          type="link"
          icon={<ArrowLeftOutlined />}
          onClick={() => navigate("/catalog")}
          style={{ paddingInline: 0 }}
        >
          {t("catalog.back")}
        </Button>
      </div>
      <Flex
        justify="space-between"
        align="center"
        wrap
        gap={8}
        style={{
          position: "sticky",
          top: 0,
          zIndex: 10,
          background: "#f5f5f5",
          padding: "8px 0",
        }}
      >
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {isNew ? t("catalog.new") : item.data?.name}
          </Typography.Title>
          <Typography.Text type="secondary">
            {isNew
              ? t("catalog.newHint")
              : t("catalog.editHint", { code: param, n: base ?? 0, next })}
          </Typography.Text>
        </div>
        <Button
          type="primary"
          size="large"
          icon={<SaveOutlined />}
          loading={save.isPending}
          onClick={() => void submit()}
        >
          {t("catalog.saveAs", { n: next })}
        </Button>
      </Flex>
      {restored && (
        <Alert
          type="info"
          showIcon
          title={t("catalog.restored")}
          action={
            <Button size="small" onClick={discard}>
              {t("catalog.discard")}
            </Button>
          }
        />
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={error[lang] || error.zh}
          action={
            error.field === "expectedVersion" ? (
              <Button size="small" onClick={() => void item.refetch()}>
                {t("common.refresh")}
              </Button>
            ) : undefined
          }
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          <Form
            form={form}
            layout="vertical"
            name="catalog-item"
            scrollToFirstError
            onValuesChange={() =>
              base !== null &&
              saveDraft(draftKey, { base, values: form.getFieldsValue(true) } satisfies Draft)
            }
          >
            <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
              <Card size="small" title={t("catalog.basic")}>
                <Row gutter={12}>
                  <Col xs={24} md={8}>
                    <Form.Item
                      name="code"
                      label={t("catalog.code")}
                      extra={isNew ? t("catalog.codeHint") : undefined}
                      rules={[{ required: true, whitespace: true, message: t("catalog.required") }]}
                      normalize={(v: string) => v.toUpperCase()}
                    >
                      <Input
                        disabled={!isNew}
                        maxLength={32}
                        placeholder="MZ-GF-001"
                        style={{ fontFamily: "monospace" }}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={16}>
                    <Form.Item
                      name="name"
                      label={t("catalog.name")}
                      rules={[{ required: true, whitespace: true, message: t("catalog.required") }]}
                    >
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={8}>
                    <Form.Item
                      name="type"
                      label={t("catalog.type")}
                      rules={[{ required: true, message: t("catalog.required") }]}
                    >
                      <Select
                        options={ITEM_TYPES.map((k) => ({ value: k, label: t(itemTypeKey[k]) }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={8}>
                    <Form.Item
                      name="kind"
                      label={t("catalog.kind")}
                      rules={[{ required: true, message: t("catalog.required") }]}
                    >
                      <Select
                        options={CASE_KINDS.map((k) => ({ value: k, label: t(caseKindKey[k]) }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item
                      name="approvalLevel"
                      label={t("catalog.approvalLevel")}
                      rules={[{ required: true, message: t("catalog.required") }]}
                    >
                      <Select
                        options={LEVELS.map((l) => ({ value: l, label: t(`catalog.level.${l}`) }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="department"
                      label={t("guide.department")}
                      rules={[{ required: true, whitespace: true, message: t("catalog.required") }]}
                    >
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="implementingBody"
                      label={t("guide.implementingBody")}
                      rules={[{ required: true, whitespace: true, message: t("catalog.required") }]}
                    >
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col xs={24}>
                    <Form.Item
                      name="basis"
                      label={t("guide.basis")}
                      rules={[{ required: true, whitespace: true, message: t("catalog.required") }]}
                    >
                      <Input.TextArea rows={2} maxLength={1000} />
                    </Form.Item>
                  </Col>
                  {(["stationAssist", "stationMayComplete", "deferralAllowed"] as const).map(
                    (k) => (
                      <Col xs={24} md={8} key={k}>
                        <Form.Item name={k} valuePropName="checked" style={{ marginBottom: 8 }}>
                          <Checkbox>{t(`catalog.${k}`)}</Checkbox>
                        </Form.Item>
                      </Col>
                    ),
                  )}
                </Row>
              </Card>

              <Card size="small" title={t("catalog.limits")}>
                <Row gutter={12}>
                  <Col xs={12} md={6}>
                    <Form.Item
                      name={["guide", "promisedDays"]}
                      label={t("guide.promised")}
                      extra={
                        kind === "IMMEDIATE" ? t("catalog.immediateHint") : t("catalog.workdays")
                      }
                      rules={[{ required: true, message: t("catalog.required") }]}
                    >
                      <InputNumber min={0} max={365} precision={0} style={{ width: "100%" }} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item
                      name={["guide", "legalDays"]}
                      label={t("guide.legal")}
                      extra={t("catalog.workdays")}
                      rules={
                        noLegal ? [] : [{ required: true, message: t("catalog.legalRequired") }]
                      }
                    >
                      <InputNumber
                        min={0}
                        max={365}
                        precision={0}
                        disabled={noLegal}
                        style={{ width: "100%" }}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={["guide", "noLegalLimit"]} valuePropName="checked" label=" ">
                      <Checkbox>{t("guide.noLegalLimit")}</Checkbox>
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name={["guide", "hasPublicity"]}
                      valuePropName="checked"
                      label={t("guide.publicity")}
                    >
                      <Switch />
                    </Form.Item>
                    {hasPublicity && (
                      <Form.Item
                        name={["guide", "publicityWorkdays"]}
                        extra={t("catalog.workdays")}
                        rules={[{ required: true, message: t("catalog.required") }]}
                      >
                        <InputNumber min={1} max={365} precision={0} style={{ width: 160 }} />
                      </Form.Item>
                    )}
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name={["guide", "hasExtension"]}
                      valuePropName="checked"
                      label={t("guide.extendable")}
                    >
                      <Switch />
                    </Form.Item>
                    {hasExtension && (
                      <>
                        <Form.Item
                          name={["guide", "extendable", "toLegalDays"]}
                          label={t("catalog.extendTo")}
                          rules={[{ required: true, message: t("catalog.required") }]}
                        >
                          <InputNumber min={1} max={365} precision={0} style={{ width: 160 }} />
                        </Form.Item>
                        <Form.Item
                          name={["guide", "extendable", "reason"]}
                          label={t("catalog.extendReason")}
                          rules={[
                            { required: true, whitespace: true, message: t("catalog.required") },
                          ]}
                        >
                          <Input maxLength={200} />
                        </Form.Item>
                      </>
                    )}
                  </Col>
                </Row>
              </Card>

              <Card size="small" title={t("guide.conditions")}>
                <LinesField
                  name="acceptanceConditions"
                  label={t("guide.conditions")}
                  add={t("catalog.addCondition")}
                  required={t("catalog.required")}
                />
              </Card>

              <Card size="small" title={t("guide.materials")}>
                <MaterialsField />
              </Card>

              <Card size="small" title={t("guide.process")}>
                <LinesField
                  name="processSteps"
                  label={t("guide.process")}
                  add={t("catalog.addStep")}
                  required={t("catalog.required")}
                />
              </Card>

              <Card size="small" title={t("catalog.service")}>
                <Row gutter={12}>
                  {(
                    [
                      ["fee", "guide.fee", 200],
                      ["place", "guide.place", 200],
                      ["hours", "guide.hours", 200],
                    ] as const
                  ).map(([name, label, max]) => (
                    <Col xs={24} key={name}>
                      <Form.Item
                        name={["guide", name]}
                        label={t(label)}
                        rules={[
                          { required: true, whitespace: true, message: t("catalog.required") },
                        ]}
                      >
                        <Input maxLength={max} />
                      </Form.Item>
                    </Col>
                  ))}
                  <Col xs={24} md={12}>
                    <Form.Item
                      name={["guide", "consultPhone"]}
                      label={t("guide.consultPhone")}
                      rules={[{ required: true, whitespace: true, message: t("catalog.required") }]}
                    >
                      <Input maxLength={30} placeholder="0571-88881234" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name={["guide", "supervisionPhone"]}
                      label={t("guide.supervisionPhone")}
                      rules={[{ required: true, whitespace: true, message: t("catalog.required") }]}
                    >
                      <Input maxLength={30} placeholder="12345" />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>

              <Card size="small" title={t("catalog.effective")}>
                <Form.Item
                  name="effectiveFrom"
                  label={t("catalog.effectiveFrom")}
                  extra={t("catalog.effectiveHint")}
                  rules={[{ required: true, message: t("catalog.required") }]}
                  getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v) : null })}
                  normalize={(d: dayjs.Dayjs | null) => (d ? d.format("YYYY-MM-DD") : undefined)}
                >
                  <DatePicker />
                </Form.Item>
              </Card>
            </Space>
          </Form>
        </Col>
        <Col xs={24} xl={7}>
          <Card size="small" title={t("catalog.history")}>
            {isNew || !entry ? (
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
        </Col>
      </Row>
      <VersionView code={param} version={viewing} onClose={() => setViewing(null)} />
    </Flex>
  );
}
