import {
  FrownFilled,
  FrownOutlined,
  MehOutlined,
  SmileFilled,
  SmileOutlined,
} from "@ant-design/icons";
import { ratingKey } from "../../lib/labels";

/**
 * The five faces, best first. Icons that ship with the app (an SVG font of its own), not
 * emoji: station PCs without a colour-emoji font drew empty boxes. Filled for the two ends,
 * outlined between, so the levels differ in shape as well as colour.
 */
export const RATING_FACES = [
  { level: 5, Icon: SmileFilled, colour: "#237804", label: ratingKey[5] },
  { level: 4, Icon: SmileOutlined, colour: "#52c41a", label: ratingKey[4] },
  { level: 3, Icon: MehOutlined, colour: "#d48806", label: ratingKey[3] },
  { level: 2, Icon: FrownOutlined, colour: "#d4380d", label: ratingKey[2] },
  { level: 1, Icon: FrownFilled, colour: "#a8071a", label: ratingKey[1] },
] as const;
