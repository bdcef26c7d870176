import { SaveOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Col, Flex, Form, Row, Skeleton, Typography } from "antd";
import { useEffect, useState } from "react";
import { Navigate, useNavigate, useParams } from "react-router";
import type { ApiError } from "../../api/errors";
import { pathFilter } from "../../api/keys";
import { trpcQuery } from "../../api/queries";
import { api } from "../../api/trpc";
import { ErrorAlert } from "../../components/error-alert";
import { ItemGuide } from "../../components/item-guide";
import { PageHeader } from "../../components/kit/page-header";
import { useI18n } from "../../i18n/i18n-context";
import { dropDraft, loadDraft, saveDraft } from "../../lib/draft-storage";
import { placeFieldError } from "../../lib/form-errors";
import { localToday } from "../../lib/today";
import {
  type CatalogForm,
  draftProblem,
  fieldMessage,
  formFieldOf,
  formToItem,
} from "./catalog-form";
import { CatalogHistory } from "./catalog-history";
import { CatalogOwnerNote } from "./catalog-owner-note";
import { CatalogSections } from "./catalog-sections";
import { type CatalogDraft, catalogStart } from "./catalog-start";
import { maySave, newItemCode } from "./local-items";

/** The catalog's complaints land on the editor's fields, without the technical path they name. */
const CATALOG_ERRORS = { rename: formFieldOf, fieldMessage };

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
  const [restored, setRestored] = useState(false);
  const draftKey = `catalog:${param}`;
  // On a linked street the item is the district's: shown, never edited (no draft, no save).
  const item = useQuery({
    ...trpcQuery("admin.catalog.get", { code: param }),
    enabled: !isNew,
  });
  const list = useQuery(trpcQuery("admin.catalog.list"));
  const editing = list.data?.editing;
  const entry = isNew ? undefined : list.data?.items.find((i) => i.code === param);
  const codePrefix = newItemCode(editing);
  // What this node may not change (a linked street: the district's items; its own local ones
  // only while the district allows) opens to be read, not edited.
  const readOnly = editing !== undefined && !maySave({ isNew, editing, entry });
  const base = isNew ? 0 : (item.data?.version ?? null);

  /** Fills the form from this tab's draft or the latest version (none: from the version). */
  const fill = (draft: CatalogDraft | null) => {
    const start = catalogStart({
      isNew,
      base,
      latest: item.data,
      draft,
      today: localToday(),
      codePrefix,
    });
    if (!start) return;
    form.resetFields();
    form.setFieldsValue(start.values);
    setRestored(start.restored);
  };
  // Once the latest version is known.
  useEffect(() => {
    if (!readOnly) fill(loadDraft<CatalogDraft>(draftKey));
  }, [base, draftKey, readOnly, codePrefix]);

  const save = useMutation({
    mutationFn: (values: CatalogForm) =>
      api.admin.catalog.saveItem.mutate({ item: formToItem(values), expectedVersion: base ?? 0 }),
    onSuccess: async (r) => {
      dropDraft(draftKey);
      message.success(t("catalog.saved", { n: r.item.version }));
      await client.invalidateQueries(pathFilter("admin.catalog.list"));
      await client.invalidateQueries(pathFilter("admin.catalog.get", { code: r.item.code }));
      await client.invalidateQueries(pathFilter("catalog.list"));
      if (isNew) navigate(`/catalog/${encodeURIComponent(r.item.code)}`, { replace: true });
    },
    onError: (e) => setError(placeFieldError(form, e, lang, CATALOG_ERRORS)),
  });

  const submit = async () => {
    setError(null);
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const values = form.getFieldsValue(true) as CatalogForm;
    const problem = draftProblem(values);
    if (problem) {
      const refusal = { code: "INVALID_FORMAT", ...problem };
      setError(placeFieldError(form, refusal, lang, CATALOG_ERRORS));
      return;
    }
    save.mutate(values);
  };

  const discard = () => {
    dropDraft(draftKey);
    fill(null);
  };

  if (isNew && readOnly) return <Navigate to="/catalog" replace />;
  if (!isNew && item.isPending) return <Skeleton active paragraph={{ rows: 14 }} />;
  if (!isNew && item.isError)
    return <ErrorAlert error={item.error} onRetry={() => void item.refetch()} />;
  const next = (base ?? 0) + 1;
  return (
    <Flex vertical gap={16}>
      <PageHeader
        back={{ label: t("catalog.back"), onClick: () => navigate("/catalog") }}
        sticky
        title={isNew ? t("catalog.new") : item.data?.name}
        subtitle={
          isNew
            ? t("catalog.newHint")
            : readOnly
              ? t("catalog.editHintManaged", { code: param, n: base ?? 0 })
              : t("catalog.editHint", { code: param, n: base ?? 0, next })
        }
        extra={
          !readOnly && (
            <Button
              type="primary"
              size="large"
              icon={<SaveOutlined />}
              loading={save.isPending}
              onClick={() => void submit()}
            >
              {t("catalog.saveAs", { n: next })}
            </Button>
          )
        }
      />
      <CatalogOwnerNote editing={editing} />
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
          {readOnly && item.data ? (
            <Card size="small" data-testid="catalog-read-only">
              <Typography.Paragraph type="secondary">
                {t("catalog.effectiveFromN", { date: item.data.effectiveFrom })}
              </Typography.Paragraph>
              <ItemGuide item={item.data} full />
            </Card>
          ) : (
            <Form
              form={form}
              layout="vertical"
              name="catalog-item"
              scrollToFirstError
              onValuesChange={() =>
                base !== null &&
                saveDraft(draftKey, {
                  base,
                  values: form.getFieldsValue(true),
                } satisfies CatalogDraft)
              }
            >
              <CatalogSections isNew={isNew} />
            </Form>
          )}
        </Col>
        <Col xs={24} xl={7}>
          <CatalogHistory code={param} entry={entry} />
        </Col>
      </Row>
    </Flex>
  );
}
