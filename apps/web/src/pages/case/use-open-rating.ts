import { useMutation } from "@tanstack/react-query";
import { api } from "../../api/trpc";

/**
 * Opens the resident-facing rating screen in its own window, meant for the second screen
 * turned towards the resident. The invitation is one-time and expires in ten minutes.
 */
export function useOpenRating(caseId: string) {
  return useMutation({
    mutationFn: async () => {
      // Opened before the call, inside the click, so pop-up blockers let it through.
      const win = window.open("about:blank", "bangban-rating");
      try {
        const { path } = await api.cases.openRating.mutate({ caseId });
        if (win) win.location.href = path;
        else window.open(path, "bangban-rating");
        return path;
      } catch (e) {
        win?.close();
        throw e;
      }
    },
  });
}
