import { Button, Flex } from "antd";

/**
 * Newer / older buttons under a list read page by page with a cursor (待办提醒, 短信通知记录):
 * shown only when there is somewhere to go.
 */
export function CursorPager<C>(props: {
  depth: number;
  next: C | null | undefined;
  onNewer: () => void;
  onOlder: (cursor: C) => void;
  newerLabel: string;
  olderLabel: string;
}) {
  const { depth, next } = props;
  if (depth === 0 && !next) return null;
  return (
    <Flex justify="end" gap={8}>
      <Button size="small" disabled={depth === 0} onClick={props.onNewer}>
        {props.newerLabel}
      </Button>
      <Button size="small" disabled={!next} onClick={() => next && props.onOlder(next)}>
        {props.olderLabel}
      </Button>
    </Flex>
  );
}
