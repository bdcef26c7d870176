import { CameraOutlined, InfoCircleOutlined, UploadOutlined } from "@ant-design/icons";
import { MAX_ATTACHMENT_BYTES } from "@bangban/domain";
import { App, Button, Space, Tooltip } from "antd";
import { useRef, useState } from "react";
import { errorText } from "../../api/errors";
import { useI18n } from "../../i18n/i18n-context";
import { uploadChunked } from "../../lib/upload";
import { percentOf } from "../../lib/upload-plan";
import { CaptureDialog } from "./capture-dialog";
import { limitVars, oversizeFiles } from "./capture-pages";

const ACCEPT = "image/jpeg,image/png,application/pdf";

/**
 * Adding scans to one material: 上传文件 (several files, each the next page, in the order
 * chosen) or 拍照/高拍仪 (the capture dialog). Files go up one after another in resumable
 * chunks; a refusal says why, in the user's language, and stops the rest.
 */
export function AddScans({
  caseId,
  materialCode,
  onAdded,
}: {
  caseId: string;
  materialCode: string;
  onAdded: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [camera, setCamera] = useState(false);
  const limits = limitVars();

  /** Uploads in order; true when every file was stored. */
  const uploadAll = async (files: { blob: Blob; name: string }[]): Promise<boolean> => {
    const key = `upload-${caseId}-${materialCode}`;
    let stored = 0;
    setBusy(true);
    try {
      for (const [i, f] of files.entries()) {
        const text = t("capture.uploading", { name: f.name, i: i + 1, n: files.length });
        const show = (pct: number) =>
          message.open({ key, type: "loading", content: `${text} ${pct}%`, duration: 0 });
        await uploadChunked(caseId, materialCode, f.blob, f.name, {
          onProgress: (sent, total) => show(percentOf(sent, total)),
        });
        stored++;
      }
      message.open({ key, type: "success", content: t("capture.uploaded", { n: stored }) });
      return true;
    } catch (e) {
      const name = files[stored]?.name ?? "";
      message.open({
        key,
        type: "error",
        content: t("capture.failedFile", { name, reason: errorText(e, lang) }),
        duration: 8,
      });
      return false;
    } finally {
      setBusy(false);
      if (stored > 0) onAdded();
    }
  };

  const chosen = (list: FileList | null) => {
    const files = [...(list ?? [])];
    for (const f of oversizeFiles(files, MAX_ATTACHMENT_BYTES))
      message.error(t("capture.tooLarge", { name: f.name, fileMb: limits.fileMb }), 8);
    const fit = files.filter((f) => f.size <= MAX_ATTACHMENT_BYTES);
    if (fit.length > 0) void uploadAll(fit.map((f) => ({ blob: f, name: f.name })));
  };

  return (
    <Space size={4}>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        onChange={(e) => {
          chosen(e.currentTarget.files);
          e.currentTarget.value = "";
        }}
      />
      <Button
        size="small"
        icon={<UploadOutlined />}
        loading={busy}
        onClick={() => input.current?.click()}
      >
        {t("capture.uploadFiles")}
      </Button>
      <Button
        size="small"
        icon={<CameraOutlined />}
        disabled={busy}
        onClick={() => setCamera(true)}
      >
        {t("capture.camera")}
      </Button>
      <Tooltip title={t("capture.limits", limits)}>
        <InfoCircleOutlined style={{ color: "#8c8c8c" }} aria-label={t("capture.limits", limits)} />
      </Tooltip>
      {camera && <CaptureDialog onClose={() => setCamera(false)} onSave={uploadAll} />}
    </Space>
  );
}
