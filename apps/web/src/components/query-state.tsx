import type { UseQueryResult } from "@tanstack/react-query";
import { Empty, Skeleton } from "antd";
import type { ReactNode } from "react";
import { ErrorAlert } from "./error-alert";

interface Props<T> {
  query: UseQueryResult<T>;
  /** True when the loaded data has nothing to show. */
  isEmpty?: (data: T) => boolean;
  empty: ReactNode;
  children: (data: T) => ReactNode;
  rows?: number;
}

/** Every list's three states besides its content: loading, empty, and failed (with a retry). */
export function QueryState<T>({ query, isEmpty, empty, children, rows = 4 }: Props<T>) {
  if (query.isPending) return <Skeleton active paragraph={{ rows }} data-testid="loading" />;
  if (query.isError && query.data === undefined)
    return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data as T;
  if (isEmpty?.(data)) return <Empty description={empty} data-testid="empty" />;
  return <>{children(data)}</>;
}
