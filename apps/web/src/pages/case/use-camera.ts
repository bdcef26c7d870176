import { useCallback, useEffect, useRef, useState } from "react";
import { type CameraChoice, cameraProblemKey, pickCamera } from "./capture-pages";

const CAMERA_KEY = "bangban.capture.camera";

export type CameraProblem = ReturnType<typeof cameraProblemKey>;

/**
 * A live camera into a <video>: lists the cameras (a 高拍仪 is one of them), opens the one
 * chosen last time on this PC, and says why when none can open. Stops when unmounted.
 */
export function useCamera(video: React.RefObject<HTMLVideoElement | null>) {
  const [cameras, setCameras] = useState<CameraChoice[]>([]);
  const [cameraId, setCameraId] = useState<string | null>(() =>
    globalThis.localStorage?.getItem(CAMERA_KEY),
  );
  const [problem, setProblem] = useState<CameraProblem | null>(null);
  const [live, setLive] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const stream = useRef<MediaStream | null>(null);

  useEffect(() => {
    const media = globalThis.navigator?.mediaDevices;
    const env = {
      hasMediaDevices: !!media?.getUserMedia,
      secureContext: globalThis.isSecureContext,
    };
    if (!media?.getUserMedia) {
      setProblem(cameraProblemKey(null, env));
      return;
    }
    let cancelled = false;
    setLive(false);
    setProblem(null);
    // A document camera gives its full resolution only when asked for it.
    const size = { width: { ideal: 2592 }, height: { ideal: 1944 } };
    const tryOpen = (id: string | null) =>
      media.getUserMedia({ audio: false, video: id ? { ...size, deviceId: { exact: id } } : size });
    tryOpen(cameraId)
      .catch((e: { name?: string }) => {
        // The remembered camera is gone (unplugged): any camera will do.
        if (cameraId && (e.name === "NotFoundError" || e.name === "OverconstrainedError"))
          return tryOpen(null);
        throw e;
      })
      .then(async (s) => {
        if (cancelled) {
          for (const t of s.getTracks()) t.stop();
          return;
        }
        stream.current = s;
        if (video.current) {
          video.current.srcObject = s;
          await video.current.play().catch(() => undefined);
        }
        // Labels are only given once the page may use a camera.
        const devices = (await media.enumerateDevices()).filter((d) => d.kind === "videoinput");
        setCameras(devices.map((d) => ({ deviceId: d.deviceId, label: d.label })));
        const opened = s.getVideoTracks()[0]?.getSettings().deviceId ?? null;
        if (!cameraId && opened) setCameraId(pickCamera(devices, opened));
        setLive(true);
      })
      .catch((e: { name?: string }) => {
        if (!cancelled) setProblem(cameraProblemKey(e, env));
      });
    return () => {
      cancelled = true;
      for (const t of stream.current?.getTracks() ?? []) t.stop();
      stream.current = null;
    };
  }, [cameraId, video, attempt]);

  const choose = useCallback((id: string) => {
    globalThis.localStorage?.setItem(CAMERA_KEY, id);
    setCameraId(id);
  }, []);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  return { cameras, cameraId, choose, problem, live, retry };
}
