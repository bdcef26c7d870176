import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { pathFilter } from "../../api/keys";
import { trpcQuery } from "../../api/queries";
import { api } from "../../api/trpc";

/** The header's unread count, refreshed with the other live lists (every 30 s). */
export function useReminderCount(enabled = true) {
  return useQuery({ ...trpcQuery("reminders.unreadCount"), refetchInterval: 30_000, enabled });
}

/** Marks the given reminders (or all) read; the list and the bell refresh. */
export function useMarkRemindersRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[] | "all") =>
      ids === "all" ? api.reminders.markAllRead.mutate() : api.reminders.markRead.mutate({ ids }),
    onSettled: async () => {
      await client.invalidateQueries(pathFilter("reminders.list"));
      await client.invalidateQueries(pathFilter("reminders.unreadCount"));
    },
  });
}
