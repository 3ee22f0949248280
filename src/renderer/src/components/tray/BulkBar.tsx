// What the advisor can do with the selected items at once: approve, exclude (with a note saying why), or
// one fix for all of them where one answer fits every record (the same category, payee, due date, note;
// sending the invoices). Decisions are all or nothing (tray:decide-many).
import { useEffect, useState } from 'react';
import {
  bulkFixKinds,
  fixKindsOf,
  fixKindWords,
  type TrayFixKind,
} from '../../../../core/tray/fix-kinds.ts';
import type { TrayListItem } from '../../../../core/tray/tray-view.ts';
import { useTray } from '../../stores/tray.ts';
import { FixForm } from './FixForm.tsx';

/** The fixes every selected item allows, and that make sense in bulk. */
function commonKinds(items: TrayListItem[]): TrayFixKind[] {
  if (items.length === 0) return [];
  const each = items.map((i) => new Set(fixKindsOf(i)));
  return bulkFixKinds.filter((k) => each.every((s) => s.has(k)));
}

export function BulkBar({ items, fixable }: { items: TrayListItem[]; fixable: boolean }) {
  const { busy, decide, setSelected, fix, lists, loadFacts } = useTray();
  const [note, setNote] = useState('');
  const [fixing, setFixing] = useState<TrayFixKind | ''>('');
  const kinds = fixable ? commonKinds(items) : [];
  const n = items.length;
  useEffect(() => {
    if (fixing && !kinds.includes(fixing)) setFixing('');
  }, [fixing, kinds]);
  useEffect(() => {
    // The pick lists (accounts, vendors) come with the facts of any item.
    if (fixing && !lists && items[0]) void loadFacts([items[0].id]);
  }, [fixing, lists, items, loadFacts]);
  const ids = items.map((i) => i.id);
  return (
    <section className="bulk-bar" aria-label="Selected items">
      <div className="bulk-row">
        <strong>{n} selected</strong>
        <label htmlFor="bulk-note" className="visually-hidden">
          Why (kept as a note on each)
        </label>
        <input
          id="bulk-note"
          type="text"
          placeholder="Why (optional, kept as a note)"
          value={note}
          maxLength={2000}
          onChange={(e) => setNote(e.target.value)}
        />
        <button
          className="primary"
          disabled={busy}
          onClick={() => void decide(ids, 'approve', note).then((ok) => ok && setNote(''))}
        >
          Approve {n}
        </button>
        <button
          disabled={busy}
          onClick={() => void decide(ids, 'exclude', note).then((ok) => ok && setNote(''))}
        >
          Exclude {n}
        </button>
        {fixable && (
          <span className="bulk-fix">
            <label htmlFor="bulk-fix">Fix all</label>
            <select
              id="bulk-fix"
              value={fixing}
              disabled={kinds.length === 0}
              onChange={(e) => setFixing(e.target.value as TrayFixKind | '')}
            >
              <option value="">
                {kinds.length === 0 ? 'No fix fits all of them' : 'Choose a fix…'}
              </option>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {fixKindWords[k]}
                </option>
              ))}
            </select>
          </span>
        )}
        <button className="link" onClick={() => setSelected([])}>
          Clear selection
        </button>
      </div>
      {fixing && (
        <FixForm
          key={fixing}
          kind={fixing}
          lists={lists}
          count={n}
          busy={busy}
          idPrefix="bulk"
          onSubmit={(input) => void fix(items, input).then(() => setFixing(''))}
        />
      )}
    </section>
  );
}
