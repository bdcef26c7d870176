import { useRef, useState } from "react";
import { useBoxSize } from "./use-box-size";
import { useObjectUrl } from "./use-scan";
import { fitScale } from "./viewer-state";

const PAD = 16;

/**
 * One image scan, fitted to the box and then zoomed (`zoom` 1 = fit) and turned by quarter
 * turns. Larger than the box, it scrolls.
 */
export function ImageView(props: { blob: Blob; alt: string; zoom: number; rotation: number }) {
  const url = useObjectUrl(props.blob);
  const box = useRef<HTMLDivElement>(null);
  const size = useBoxSize(box);
  const [natural, setNatural] = useState({ width: 0, height: 0 });
  const scale =
    fitScale(
      natural,
      { width: size.width - 2 * PAD, height: size.height - 2 * PAD },
      props.rotation,
    ) * props.zoom;
  const w = natural.width * scale;
  const h = natural.height * scale;
  const turned = props.rotation % 180 !== 0;
  return (
    <div ref={box} style={{ width: "100%", height: "100%", overflow: "auto", padding: PAD }}>
      <div
        style={{
          position: "relative",
          width: turned ? h : w,
          height: turned ? w : h,
          margin: "0 auto",
        }}
      >
        {url && (
          <img
            src={url}
            alt={props.alt}
            draggable={false}
            onLoad={(e) =>
              setNatural({
                width: e.currentTarget.naturalWidth,
                height: e.currentTarget.naturalHeight,
              })
            }
            style={{
              position: "absolute",
              left: "50%",
              top: "50%",
              width: w || undefined,
              height: h || undefined,
              maxWidth: "none",
              transform: `translate(-50%, -50%) rotate(${props.rotation}deg)`,
              boxShadow: "0 1px 4px rgba(0,0,0,.25)",
              background: "#fff",
            }}
          />
        )}
      </div>
    </div>
  );
}
