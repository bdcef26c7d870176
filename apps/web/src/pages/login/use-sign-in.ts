import { useMutation, useQueryClient } from "@tanstack/react-query";
import { pathFilter } from "../../api/keys";

/** A sign-in call that refreshes "who am I" before moving on. */
export function useSignIn<I>(call: (input: I) => Promise<unknown>, onDone: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: async () => {
      await client.invalidateQueries(pathFilter("auth.me"));
      onDone();
    },
  });
}
