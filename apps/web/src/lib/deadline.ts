import type { DeadlineColour } from "../api/types";
import type { MessageKey } from "../i18n/zh";

/** Colours of the deadline light, as antd tag colours and the words beside them. */
export function colourMeta(colour: DeadlineColour): {
  tag: string;
  hex: string;
  label: MessageKey;
} {
  switch (colour) {
    case "red":
      return { tag: "error", hex: "#cf1322", label: "deadline.red" };
    case "yellow":
      return { tag: "warning", hex: "#d48806", label: "deadline.yellow" };
    case "green":
      return { tag: "success", hex: "#389e0d", label: "deadline.green" };
    default:
      return { tag: "default", hex: "#8c8c8c", label: "deadline.none" };
  }
}

/** Sort weight for "most urgent first": red, yellow, green, then cases with no clock. */
export function urgency(colour: DeadlineColour): number {
  return { red: 0, yellow: 1, green: 2, none: 3 }[colour];
}
