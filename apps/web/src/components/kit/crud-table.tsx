import type { UseQueryResult } from "@tanstack/react-query";
import type { TableColumnsType, TableProps } from "antd";
import { Button, Card, Space, Table } from "antd";
import type { Key, ReactNode } from "react";
import { QueryState } from "../query-state";
import { pagingFor } from "./crud-table-logic";

/** A button in a row's last column. */
export interface RowAction {
  key: string;
  label: ReactNode;
  icon?: ReactNode;
  onClick: () => void;
  danger?: boolean;
  primary?: boolean;
  loading?: boolean;
  /** False hides the action for this row (e.g. 停用 on a credential already stopped). */
  show?: boolean;
}

/** Props of {@link CrudTable}. */
export interface CrudTableProps<T, D> {
  /** The list's query: loading, failed (with 重试) and empty are shown from it. */
  query: UseQueryResult<D>;
  /** The rows out of the query's data (filtered, say); the data itself when it is the list. */
  rows?: (data: D) => readonly T[];
  rowKey: (keyof T & string) | ((row: T) => Key);
  columns: TableColumnsType<T>;
  /** What an empty list says (and what to do about it). */
  empty: ReactNode;
  /** The buttons at the end of each row. */
  actions?: (row: T) => RowAction[];
  /** Filters and search above the table, inside its card. */
  toolbar?: ReactNode;
  onRowClick?: (row: T) => void;
  scroll?: TableProps<T>["scroll"];
}

/**
 * Every administration list: a card holding its filters and a table in the house's density
 * (middle rows, a pager only past fifty), with loading, empty and failed states from the
 * query, and the row's actions as small buttons at the end.
 */
export function CrudTable<T extends object, D = T[]>(props: CrudTableProps<T, D>) {
  const rowsOf = props.rows ?? ((d: D) => d as unknown as readonly T[]);
  const columns: TableColumnsType<T> = props.actions
    ? [
        ...props.columns,
        { key: "actions", render: (_: unknown, row: T) => actionsOf(props.actions?.(row) ?? []) },
      ]
    : props.columns;
  return (
    <Card>
      {props.toolbar && <div style={{ marginBottom: 16 }}>{props.toolbar}</div>}
      <QueryState query={props.query} isEmpty={(d) => rowsOf(d).length === 0} empty={props.empty}>
        {(d) => {
          const rows = rowsOf(d);
          return (
            <Table<T>
              rowKey={props.rowKey}
              size="middle"
              dataSource={rows as T[]}
              pagination={pagingFor(rows.length)}
              scroll={props.scroll}
              columns={columns}
              onRow={
                props.onRowClick
                  ? (r) => ({
                      onClick: () => props.onRowClick?.(r),
                      style: { cursor: "pointer" },
                    })
                  : undefined
              }
            />
          );
        }}
      </QueryState>
    </Card>
  );
}

function actionsOf(actions: RowAction[]) {
  return (
    <Space size={4} wrap>
      {actions
        .filter((a) => a.show !== false)
        .map((a) => (
          <Button
            key={a.key}
            size="small"
            type={a.primary ? "primary" : "default"}
            danger={a.danger}
            icon={a.icon}
            loading={a.loading}
            onClick={(e) => {
              // A row that opens on click must not open when one of its buttons is pressed.
              e.stopPropagation();
              a.onClick();
            }}
          >
            {a.label}
          </Button>
        ))}
    </Space>
  );
}
