/**
 * A confirmation step before an action that cannot be undone (publishing a
 * run freezes its result): a native modal <dialog>, so the browser keeps the
 * keyboard focus inside it, Escape cancels, and screen readers announce it as
 * a dialog with its title and text (aria-labelledby, aria-describedby). The
 * focus starts on Cancel — Enter alone does not confirm — and goes back to
 * the button that opened it when it is cancelled.
 */
import { useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "./assessment.tsx";

export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  onConfirm,
  onCancel,
  testId,
}: {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      data-testid={testId}
      className="max-w-md rounded-lg border border-gray-300 p-5 shadow-xl backdrop:bg-gray-900/40"
      // Escape closes the dialog natively: the page's state follows.
      onClose={() => open && onCancel()}
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold text-gray-900">
        {title}
      </h2>
      <p id={`${id}-body`} className="mt-2 text-sm text-gray-800">
        {body}
      </p>
      <div className="mt-4 flex justify-end gap-2">
        <button type="button" ref={cancelRef} className={buttonClass.secondary} onClick={onCancel} data-testid={`${testId}-cancel`}>
          {t("assess.common.cancel")}
        </button>
        <button type="button" className={buttonClass.primary} onClick={onConfirm} data-testid={`${testId}-confirm`}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
