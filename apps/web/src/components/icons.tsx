/** Decorative icons (always aria-hidden: the words next to them carry the meaning). */
import type { TargetStatus } from "@linze/domain";

const PATHS: Record<TargetStatus, string> = {
  met: "M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm3.857-9.809a.75.75 0 0 0-1.214-.882l-3.483 4.79-1.88-1.88a.75.75 0 1 0-1.06 1.061l2.5 2.5a.75.75 0 0 0 1.137-.089l4-5.5Z",
  near: "M8.485 2.495c.673-1.167 2.357-1.167 3.03 0l6.28 10.875c.673 1.167-.17 2.625-1.516 2.625H3.72c-1.347 0-2.189-1.458-1.515-2.625L8.485 2.495ZM10 5a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 10 5Zm0 9a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z",
  below: "M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16ZM8.28 7.22a.75.75 0 0 0-1.06 1.06L8.94 10l-1.72 1.72a.75.75 0 1 0 1.06 1.06L10 11.06l1.72 1.72a.75.75 0 1 0 1.06-1.06L11.06 10l1.72-1.72a.75.75 0 0 0-1.06-1.06L10 8.94 8.28 7.22Z",
  noTarget: "M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16ZM6.75 9.25a.75.75 0 0 0 0 1.5h6.5a.75.75 0 0 0 0-1.5h-6.5Z",
  noValue: "M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16ZM6.75 9.25a.75.75 0 0 0 0 1.5h6.5a.75.75 0 0 0 0-1.5h-6.5Z",
};

export function StatusIcon({ status, className = "h-4 w-4" }: { status: TargetStatus; className?: string }) {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" focusable="false" className={`shrink-0 ${className}`}>
      <path fillRule="evenodd" clipRule="evenodd" d={PATHS[status]} />
    </svg>
  );
}

export function ArrowIcon({ direction, className = "h-3.5 w-3.5" }: { direction: "up" | "down"; className?: string }) {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" focusable="false" className={`shrink-0 ${className}`}>
      <path
        fillRule="evenodd"
        clipRule="evenodd"
        d={
          direction === "up"
            ? "M10 17a.75.75 0 0 1-.75-.75V5.612L5.29 9.77a.75.75 0 0 1-1.08-1.04l5.25-5.5a.75.75 0 0 1 1.08 0l5.25 5.5a.75.75 0 1 1-1.08 1.04l-3.96-4.158V16.25A.75.75 0 0 1 10 17Z"
            : "M10 3a.75.75 0 0 1 .75.75v10.638l3.96-4.158a.75.75 0 1 1 1.08 1.04l-5.25 5.5a.75.75 0 0 1-1.08 0l-5.25-5.5a.75.75 0 1 1 1.08-1.04l3.96 4.158V3.75A.75.75 0 0 1 10 3Z"
        }
      />
    </svg>
  );
}

const GRADE_PATHS: Record<"excellent" | "good" | "pass" | "fail" | "ungraded", string> = {
  excellent:
    "M10.868 2.884c-.321-.772-1.415-.772-1.736 0l-1.83 4.401-4.753.381c-.833.067-1.171 1.107-.536 1.651l3.62 3.102-1.106 4.637c-.194.813.691 1.456 1.405 1.02L10 15.591l4.069 2.485c.713.436 1.598-.207 1.404-1.02l-1.106-4.637 3.62-3.102c.635-.544.297-1.584-.536-1.65l-4.752-.382-1.831-4.401Z",
  good: PATHS.met,
  pass: "M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm0-4a4 4 0 1 0 0-8 4 4 0 0 0 0 8Z",
  fail: PATHS.below,
  ungraded: PATHS.noValue,
};

/** A grade's icon (star, check, ring, cross; a dash for no grade): shape as well as colour tells them apart. */
export function GradeIcon({ grade, className = "h-4 w-4" }: { grade: keyof typeof GRADE_PATHS; className?: string }) {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" focusable="false" className={`shrink-0 ${className}`}>
      <path fillRule="evenodd" clipRule="evenodd" d={GRADE_PATHS[grade]} />
    </svg>
  );
}

const STEP_PATHS: Record<"open" | "rectified" | "verified", string> = {
  open: PATHS.near,
  rectified:
    "M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm4.28-8.53a.75.75 0 0 1 0 1.06l-2.5 2.5a.75.75 0 1 1-1.06-1.06l1.22-1.22H6.75a.75.75 0 0 1 0-1.5h5.19l-1.22-1.22a.75.75 0 0 1 1.06-1.06l2.5 2.5Z",
  verified: PATHS.met,
};

/** A rectification status's icon (warning, arrow, check). */
export function FindingStatusIcon({ status, className = "h-3.5 w-3.5" }: { status: keyof typeof STEP_PATHS; className?: string }) {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" focusable="false" className={`shrink-0 ${className}`}>
      <path fillRule="evenodd" clipRule="evenodd" d={STEP_PATHS[status]} />
    </svg>
  );
}
