/**
 * TanStack Query bindings of the assessment API (members, letters,
 * supervision, assessments). Reads are cached by their input; every write
 * invalidates the family of reads it can change.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterInputs } from "@linze/api";
import { trpc } from "./trpc.ts";

type In = RouterInputs;

export const useMembers = (input: In["members"]["list"]) => useQuery({ queryKey: ["members", input], queryFn: () => trpc.members.list.query(input) });
export const useLetters = (input: In["letters"]["list"]) => useQuery({ queryKey: ["letters", input], queryFn: () => trpc.letters.list.query(input) });
export const useLetter = (id: number | null) =>
  useQuery({ queryKey: ["letter", id], queryFn: () => trpc.letters.get.query({ id: id! }), enabled: id !== null });
export const useFindings = (input: In["supervision"]["list"]) => useQuery({ queryKey: ["findings", input], queryFn: () => trpc.supervision.list.query(input) });
export const useOverdue = (input: In["supervision"]["overdue"]) => useQuery({ queryKey: ["overdue", input], queryFn: () => trpc.supervision.overdue.query(input) });
export const useRuns = (input: In["assessments"]["list"]) => useQuery({ queryKey: ["runs", input], queryFn: () => trpc.assessments.list.query(input) });
export const useRun = (id: number | null) =>
  useQuery({ queryKey: ["run", id], queryFn: () => trpc.assessments.get.query({ id: id! }), enabled: id !== null, staleTime: 30_000 });

/** A mutation that invalidates the given query families when it succeeds. */
function useWrite<I, O>(fn: (input: I) => Promise<O>, families: readonly string[]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all(families.map((f) => client.invalidateQueries({ queryKey: [f] }))),
  });
}

export const useCreateMember = () => useWrite((i: In["members"]["create"]) => trpc.members.create.mutate(i), ["members"]);
export const useUpdateMember = () => useWrite((i: In["members"]["update"]) => trpc.members.update.mutate(i), ["members"]);
export const useCreateLetter = () => useWrite((i: In["letters"]["create"]) => trpc.letters.create.mutate(i), ["letters", "letter"]);
export const useUpdateLetter = () => useWrite((i: In["letters"]["update"]) => trpc.letters.update.mutate(i), ["letters", "letter"]);
export const useCopyLetter = () => useWrite((i: In["letters"]["copyToNextYear"]) => trpc.letters.copyToNextYear.mutate(i), ["letters", "letter"]);
export const useCreateFinding = () => useWrite((i: In["supervision"]["create"]) => trpc.supervision.create.mutate(i), ["findings", "overdue"]);
export const useWithdrawFinding = () => useWrite((i: In["supervision"]["withdraw"]) => trpc.supervision.withdraw.mutate(i), ["findings", "overdue"]);
export const useSetFindingStatus = () => useWrite((i: In["supervision"]["setStatus"]) => trpc.supervision.setStatus.mutate(i), ["findings", "overdue"]);
export const useStartRun = () => useWrite((i: In["assessments"]["run"]) => trpc.assessments.run.mutate(i), ["runs"]);
export const useRunTransition = () =>
  useWrite((i: { id: number; procedure: "submit" | "review" | "publish" }) => trpc.assessments[i.procedure].mutate({ id: i.id }), ["runs", "run"]);

/** One unit's entries for a quarter (assessor's points for manual items, self-scores, commendations, vetoes) and its letter. */
export const useAssessmentInputs = (input: In["assessmentInputs"]["get"]) =>
  useQuery({ queryKey: ["assessment-inputs", input], queryFn: () => trpc.assessmentInputs.get.query(input) });
export const useSetItemScore = () =>
  useWrite(
    (i: In["assessmentInputs"]["setSelfScore"] & { who: "assessor" | "self" }) => {
      const { who, ...input } = i;
      return who === "self" ? trpc.assessmentInputs.setSelfScore.mutate(input) : trpc.assessmentInputs.setManualScore.mutate(input);
    },
    ["assessment-inputs"],
  );
export const useAddCommendation = () => useWrite((i: In["assessmentInputs"]["addCommendation"]) => trpc.assessmentInputs.addCommendation.mutate(i), ["assessment-inputs"]);
export const useAddVeto = () => useWrite((i: In["assessmentInputs"]["addVeto"]) => trpc.assessmentInputs.addVeto.mutate(i), ["assessment-inputs"]);
export const useRemoveAdjustment = () => useWrite((i: In["assessmentInputs"]["removeAdjustment"]) => trpc.assessmentInputs.removeAdjustment.mutate(i), ["assessment-inputs"]);
