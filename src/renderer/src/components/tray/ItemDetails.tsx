// An opened tray row: the fixes that answer the problem (write-back forms), the advisor's notes, and the
// item's history (found, decisions, notes, fixes, resolved), newest last.
import { useState } from 'react';
import { fixKindsOf, fixKindWords, type TrayFixKind } from '../../../../core/tray/fix-kinds.ts';
import type { TrayHistoryEntry, TrayListItem } from '../../../../core/tray/tray-view.ts';
import { fixStateWords } from '../../../../core/words.ts';
import { useTray } from '../../stores/tray.ts';
import { FixForm } from './FixForm.tsx';
import { moment } from './moment.ts';

const decisionWords = { approve: 'approved it', exclude: 'excluded it', reopen: 'reopened it' };

function entryWords(e: TrayHistoryEntry): string {
  switch (e.kind) {
    case 'found':
      return "RowCol's check found the problem";
    case 'resolved':
      return "RowCol's check no longer finds the problem";
    case 'decided':
      return `${e.by} ${e.decision ? decisionWords[e.decision] : 'decided'}${e.from && e.from !== e.to ? ` (was ${e.from})` : ''}`;
    case 'note':
      return `${e.by} added a note`;
    case 'fix':
      return `Fix: ${e.fix?.summary ?? ''} (${e.fix ? fixStateWords[e.fix.state] : ''})`;
  }
}

function History({ entries }: { entries: TrayHistoryEntry[] | undefined }) {
  if (!entries)
    return (
      <p className="muted small" role="status">
        Loading the history…
      </p>
    );
  return (
    <ol className="tray-history">
      {entries.map((e, i) => (
        <li key={i} data-history={e.kind}>
          <time dateTime={e.at} className="muted">
            {moment(e.at)}
          </time>{' '}
          {entryWords(e)}
          {e.note && <div className="history-note">“{e.note}”</div>}
        </li>
      ))}
    </ol>
  );
}

export function ItemDetails({
  item,
  canFix,
  whyNot,
}: {
  item: TrayListItem;
  canFix: boolean;
  /** Why no fix is offered now, when canFix is false. */
  whyNot: string;
}) {
  const { history, facts, lists, busy, addNote, fix } = useTray();
  const kinds = canFix ? fixKindsOf(item) : [];
  const [kind, setKind] = useState<TrayFixKind | undefined>(kinds[0]);
  const [note, setNote] = useState('');
  const f = facts[item.id];
  const prefix = `item-${item.id}`;
  return (
    <div className="tray-details-grid">
      <section aria-label="Fix in QuickBooks" className="tray-details-fix">
        <h3>Fix in QuickBooks</h3>
        {kinds.length === 0 ? (
          <p className="small muted">
            {canFix
              ? 'RowCol cannot change this in QuickBooks: open it there, or approve or exclude it here.'
              : whyNot}
          </p>
        ) : (
          <>
            {kinds.length > 1 && (
              <div className="fix-kinds" role="group" aria-label="What to fix">
                {kinds.map((k) => (
                  <button
                    key={k}
                    type="button"
                    aria-pressed={kind === k}
                    className={kind === k ? 'chosen' : ''}
                    onClick={() => setKind(k)}
                  >
                    {fixKindWords[k]}
                  </button>
                ))}
              </div>
            )}
            {kind && (
              <FixForm
                key={`${kind}-${f ? 'facts' : 'waiting'}`}
                kind={kind}
                facts={f}
                lists={lists}
                busy={busy}
                idPrefix={prefix}
                onSubmit={(input) => void fix([item], input)}
              />
            )}
          </>
        )}
        {!item.qboUrl && item.entity && (
          <p className="small muted">Demo books: this record has no QuickBooks page to open.</p>
        )}
      </section>
      <section aria-label="Notes and history" className="tray-details-notes">
        <h3>Notes and history</h3>
        <form
          className="note-form"
          onSubmit={(e) => {
            e.preventDefault();
            void addNote(item.id, note).then((saved) => saved && setNote(''));
          }}
        >
          <label htmlFor={`${prefix}-note`}>Add a note (only in RowCol)</label>
          <textarea
            id={`${prefix}-note`}
            rows={2}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <button type="submit" disabled={busy || !note.trim()}>
            Save note
          </button>
        </form>
        <History entries={history[item.id]} />
      </section>
    </div>
  );
}
