import { CameraOutlined, DeleteOutlined, LeftOutlined, RightOutlined } from "@ant-design/icons";
import { Alert, App, Button, Modal, Select, Space, Spin, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "../../i18n/i18n-context";
import { fitLongSide, initialCrop, JPEG_QUALITY, type Rect } from "./capture-geometry";
import { limitVars, movePage, pageFileName, removePage } from "./capture-pages";
import { CropCanvas } from "./crop-canvas";
import { useCamera } from "./use-camera";

/** A page taken and cropped, ready to save. */
export interface TakenPage {
  blob: Blob;
  name: string;
  url: string;
}

const VIEW = { width: 720, height: 360 };

/**
 * 拍照/高拍仪: a live preview of the chosen camera, 拍摄 freezes a frame, the crop step cuts
 * the page out, and the pages taken so far wait in a strip (reorder, delete) until 保存
 * hands them over in order. `onSave` resolves true when all were stored.
 */
export function CaptureDialog({
  onClose,
  onSave,
}: {
  onClose: () => void;
  onSave: (pages: TakenPage[]) => Promise<boolean>;
}) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const video = useRef<HTMLVideoElement>(null);
  const camera = useCamera(video);
  const [frame, setFrame] = useState<HTMLCanvasElement | null>(null);
  const [crop, setCrop] = useState<Rect | null>(null);
  const [pages, setPages] = useState<TakenPage[]>([]);
  const [saving, setSaving] = useState(false);
  const urls = useRef<string[]>([]);
  useEffect(
    () => () => {
      for (const u of urls.current) URL.revokeObjectURL(u);
    },
    [],
  );

  const shoot = () => {
    const v = video.current;
    if (!v?.videoWidth) return;
    const c = document.createElement("canvas");
    c.width = v.videoWidth;
    c.height = v.videoHeight;
    c.getContext("2d")?.drawImage(v, 0, 0);
    setFrame(c);
    setCrop(initialCrop(c));
  };

  const keepCrop = () => {
    if (!frame || !crop) return;
    const out = fitLongSide({ width: crop.w, height: crop.h });
    const c = document.createElement("canvas");
    c.width = out.width;
    c.height = out.height;
    c.getContext("2d")?.drawImage(frame, crop.x, crop.y, crop.w, crop.h, 0, 0, c.width, c.height);
    c.toBlob(
      (blob) => {
        if (!blob) return;
        const url = URL.createObjectURL(blob);
        urls.current.push(url);
        setPages((p) => [...p, { blob, url, name: pageFileName(new Date(), p.length) }]);
        setFrame(null);
      },
      "image/jpeg",
      JPEG_QUALITY,
    );
  };

  const close = () => {
    if (pages.length === 0) return onClose();
    modal.confirm({ title: t("capture.leave", { n: pages.length }), onOk: onClose });
  };

  const save = async () => {
    setSaving(true);
    const ok = await onSave(pages).finally(() => setSaving(false));
    if (ok) onClose();
  };

  return (
    <Modal
      open
      width={VIEW.width + 48}
      style={{ top: 24 }}
      title={t("capture.title")}
      onCancel={close}
      maskClosable={false}
      footer={
        <Space>
          <Button onClick={close}>{t("common.cancel")}</Button>
          <Button
            type="primary"
            disabled={pages.length === 0 || !!frame}
            loading={saving}
            onClick={() => void save()}
          >
            {t("capture.save", { n: pages.length })}
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: "100%" }}>
        <Typography.Text type="secondary">{t("capture.limits", limitVars())}</Typography.Text>
        {camera.problem ? (
          <Alert
            type="warning"
            showIcon
            message={t(camera.problem)}
            action={<Button onClick={camera.retry}>{t("capture.retry")}</Button>}
          />
        ) : (
          <CameraBar camera={camera} />
        )}
        <div style={{ display: frame ? "none" : "block", textAlign: "center", background: "#000" }}>
          {!camera.live && !camera.problem && <Spin tip={t("capture.starting")} />}
          <video
            ref={video}
            muted
            playsInline
            data-testid="capture-video"
            style={{
              maxWidth: "100%",
              maxHeight: VIEW.height,
              display: camera.live ? "inline" : "none",
            }}
          />
        </div>
        {frame && crop && (
          <>
            <Typography.Text>{t("capture.cropHint")}</Typography.Text>
            <CropCanvas
              frame={frame}
              crop={crop}
              onChange={setCrop}
              maxWidth={VIEW.width}
              maxHeight={VIEW.height}
            />
          </>
        )}
        <Space>
          {frame ? (
            <>
              <Button type="primary" onClick={keepCrop}>
                {t("capture.useCrop")}
              </Button>
              <Button onClick={() => setFrame(null)}>{t("capture.retake")}</Button>
            </>
          ) : (
            <Button
              type="primary"
              icon={<CameraOutlined />}
              disabled={!camera.live}
              onClick={shoot}
            >
              {t("capture.shoot")}
            </Button>
          )}
        </Space>
        <PageStrip pages={pages} onChange={setPages} />
      </Space>
    </Modal>
  );
}

function CameraBar({ camera }: { camera: ReturnType<typeof useCamera> }) {
  const { t } = useI18n();
  if (camera.cameras.length < 2) return null;
  return (
    <Space>
      <Typography.Text>{t("capture.chooseCamera")}</Typography.Text>
      <Select
        style={{ minWidth: 280 }}
        value={camera.cameraId ?? undefined}
        onChange={camera.choose}
        options={camera.cameras.map((c, i) => ({
          value: c.deviceId,
          label: c.label || t("capture.cameraN", { n: i + 1 }),
        }))}
      />
    </Space>
  );
}

/** The pages taken so far, in the order they will be saved. */
function PageStrip({
  pages,
  onChange,
}: {
  pages: TakenPage[];
  onChange: (p: TakenPage[]) => void;
}) {
  const { t } = useI18n();
  if (pages.length === 0)
    return <Typography.Text type="secondary">{t("capture.noPages")}</Typography.Text>;
  return (
    <div>
      <Typography.Text>{t("capture.pages", { n: pages.length })}</Typography.Text>
      <div
        style={{ display: "flex", gap: 8, overflowX: "auto", paddingTop: 4 }}
        data-testid="capture-strip"
      >
        {pages.map((p, i) => (
          <div key={p.url} style={{ textAlign: "center", flex: "none" }}>
            <img src={p.url} alt={p.name} style={{ height: 96, border: "1px solid #d9d9d9" }} />
            <div>
              <Typography.Text>{i + 1}</Typography.Text>
            </div>
            <Space size={0}>
              <Button
                size="small"
                type="text"
                icon={<LeftOutlined />}
                title={t("capture.earlier")}
                disabled={i === 0}
                onClick={() => onChange(movePage(pages, i, -1))}
              />
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                title={t("capture.delete")}
                onClick={() => onChange(removePage(pages, i))}
              />
              <Button
                size="small"
                type="text"
                icon={<RightOutlined />}
                title={t("capture.later")}
                disabled={i === pages.length - 1}
                onClick={() => onChange(movePage(pages, i, 1))}
              />
            </Space>
          </div>
        ))}
      </div>
    </div>
  );
}
