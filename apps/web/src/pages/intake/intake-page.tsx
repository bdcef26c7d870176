import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Flex, Form, Steps, Typography } from "antd";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { type ApiError, apiErrorOf } from "../../api/errors";
import { pathFilter } from "../../api/keys";
import type { SignedInUser } from "../../api/types";
import { useMe } from "../../auth/use-me";
import { useI18n } from "../../i18n/i18n-context";
import { showFieldError } from "../../lib/form-errors";
import { localToday } from "../../lib/today";
import { ApplicantStep } from "./applicant-step";
import { eligibilityFeedback } from "./eligibility-check";
import { locateField, STEPS, type StepKey, stepTitles } from "./intake-steps";
import { defaultOutcome, type IntakeValues, outcomesFor, toDeferred } from "./intake-values";
import { ItemStep, useCatalog } from "./item-step";
import { MaterialsStep } from "./materials-step";
import { ModeStep } from "./mode-step";
import { OutcomeStep } from "./outcome-step";
import { ResultStep } from "./result-step";
import { submitIntake } from "./submit-intake";
import { EMPTY_DRAFT, type IntakeDraft, useIntakeDraft } from "./use-intake-draft";

export function IntakePage() {
  const me = useMe();
  const user = me.data?.user;
  return user ? <IntakeWizard user={user} /> : null;
}

type Pending = { name: (string | number)[]; error: ApiError } | null;

/**
 * 收件 as a keyboard-first wizard: Enter goes on (after checking the step), the buttons go
 * back. What is typed is kept in a per-tab draft; a failed submit keeps everything and puts
 * the server's message beside the field it names, on whichever step holds it.
 */
function IntakeWizard({ user }: { user: SignedInUser }) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const today = localToday();
  const { initial, save, clear } = useIntakeDraft(user.id);
  const [form] = Form.useForm<IntakeValues>();
  const [draft, setDraft] = useState<IntakeDraft>(initial);
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [resetTick, setResetTick] = useState(0);
  const catalog = useCatalog(user.role === "helper");
  const item = catalog.data?.find((i) => i.code === draft.values.itemCode);
  const stepIndex = STEPS.indexOf(draft.step);
  const locked = draft.created !== null && stepIndex < STEPS.indexOf("materials");

  const update = (patch: Partial<IntakeDraft>) =>
    setDraft((d) => {
      const next = { ...d, ...patch };
      save(next);
      return next;
    });
  const goTo = (step: StepKey) => {
    setFormError(null);
    update({ step });
  };

  useEffect(() => {
    if (resetTick > 0) form.resetFields();
  }, [resetTick, form]);

  // A server error for a field on another step: shown once that step's fields are mounted.
  useEffect(() => {
    if (!pending) return;
    if (!showFieldError(form, pending.name, pending.error[lang] || pending.error.zh))
      setFormError(pending.error);
    setPending(null);
  }, [pending, form, lang]);

  const submit = useMutation({
    mutationFn: (values: IntakeValues) => {
      if (!item) throw new Error("no item");
      return submitIntake(
        item,
        values,
        draft.created,
        (created) => update({ created }),
        t("intake.notice.reasonDefault"),
      );
    },
    onSuccess: (r, values) => {
      void queryClient.invalidateQueries(pathFilter("cases.list"));
      update({
        created: r.created,
        step: "done",
        result: { outcome: values.outcome ?? "accept", noticeId: r.noticeId },
      });
    },
    onError: (e, values) => {
      const err = apiErrorOf(e);
      const deferredCodes = item ? toDeferred(item, values).map((d) => d.code) : [];
      const at = err.field ? locateField(err.field, deferredCodes) : { step: null, name: null };
      if (at.step && at.name) {
        if (at.step !== draft.step) update({ step: at.step });
        setPending({ name: at.name, error: err });
      } else {
        if (at.step && at.step !== draft.step) update({ step: at.step });
        setFormError(err);
      }
    },
  });

  const next = () => {
    setFormError(null);
    const values = form.getFieldsValue(true) as IntakeValues;
    if (draft.step === "outcome") return submit.mutate(values);
    // The step shows why (受理条件 not met); going on would only be refused on submit.
    if (draft.step === "applicant" && eligibilityFeedback(item, values, today).kind === "refused")
      return;
    if (draft.step === "materials" && item) {
      const allowed = outcomesFor(item, values);
      if (!values.outcome || !allowed[values.outcome].ok) {
        form.setFieldValue("outcome", defaultOutcome(item, values));
      }
    }
    const following = STEPS[stepIndex + 1];
    if (following) update({ step: following, values: form.getFieldsValue(true) });
  };
  const back = () => {
    const previous = STEPS[stepIndex - 1];
    if (previous) goTo(previous);
  };
  const startOver = () => {
    clear();
    setFormError(null);
    setDraft(EMPTY_DRAFT);
    setResetTick((n) => n + 1);
  };

  const body = () => {
    switch (draft.step) {
      case "item":
        return <ItemStep assistOnly={user.role === "helper"} locked={locked} />;
      case "applicant":
        return <ApplicantStep today={today} locked={locked} item={item} />;
      case "mode":
        return <ModeStep today={today} locked={locked} item={item} />;
      case "materials":
        return item ? <MaterialsStep item={item} /> : null;
      case "outcome":
        return item ? <OutcomeStep item={item} today={today} /> : null;
      case "done":
        return draft.created && draft.result ? (
          <ResultStep created={draft.created} result={draft.result} onNew={startOver} />
        ) : null;
    }
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("intake.title")}
        </Typography.Title>
        {draft.step !== "done" && (
          <Button onClick={startOver} disabled={submit.isPending}>
            {t("intake.startOver")}
          </Button>
        )}
      </Flex>
      <Card>
        <Steps
          size="small"
          current={stepIndex}
          onChange={(i) => {
            const s = STEPS[i];
            if (s && i < stepIndex && draft.step !== "done") goTo(s);
          }}
          items={STEPS.map((s, i) => ({
            title: t(stepTitles[s]),
            disabled: i >= stepIndex || draft.step === "done",
          }))}
          style={{ marginBottom: 24 }}
        />
        {draft.created && draft.step !== "done" && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t("intake.createdAlready", { number: draft.created.caseNumber })}
          />
        )}
        {formError && (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 16 }}
            title={formError[lang] || formError.zh}
            action={
              draft.created ? (
                <Link to={`/cases/${draft.created.caseId}`}>{t("intake.result.open")}</Link>
              ) : undefined
            }
          />
        )}
        <Form<IntakeValues>
          form={form}
          layout="vertical"
          initialValues={draft.values}
          disabled={locked || submit.isPending}
          onValuesChange={() => update({ values: form.getFieldsValue(true) })}
          onFinish={next}
          scrollToFirstError={{ block: "center", focus: true }}
        >
          {body()}
          {draft.step !== "done" && (
            <Flex gap={8} justify="flex-end" style={{ marginTop: 24 }}>
              {stepIndex > 0 && (
                <Button onClick={back} disabled={submit.isPending}>
                  {t("intake.back")}
                </Button>
              )}
              <Button type="primary" htmlType="submit" loading={submit.isPending} disabled={false}>
                {draft.step === "outcome" ? t("intake.submit") : t("intake.next")}
              </Button>
            </Flex>
          )}
        </Form>
      </Card>
    </Flex>
  );
}
