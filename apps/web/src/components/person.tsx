/** A person a record names: the display name or label, the recorded id in the title (shown on hover, read by the auditor). */
export function Person({ id, name, testId }: { id: string; name: (id: string) => string; testId?: string }) {
  const label = name(id);
  return (
    <span title={label === id ? undefined : id} data-person={id} data-testid={testId}>
      {label}
    </span>
  );
}
