// A group's "select all" checkbox: ticked when every bill is, half-ticked (indeterminate) when some are.
import { useEffect, useRef } from 'react';

export function SelectAll({
  label,
  count,
  of,
  onChange,
}: {
  label: string;
  count: number;
  of: number;
  onChange: (on: boolean) => void;
}) {
  const box = useRef<HTMLInputElement>(null);
  const some = count > 0 && count < of;
  useEffect(() => {
    if (box.current) box.current.indeterminate = some;
  }, [some]);
  return (
    <input
      ref={box}
      type="checkbox"
      aria-label={label}
      checked={of > 0 && count === of}
      onChange={(e) => onChange(e.target.checked || some)}
    />
  );
}
