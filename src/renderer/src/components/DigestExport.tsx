// Export digests from the window: this client or all, HTML, PDF or both, on the client's paper or one for
// all; progress while the files are written ("Writing 37 of 200…") and where they are at the end. The
// desktop app opens the folder; the browser version lists the files to download one by one (a page that
// starts two hundred downloads at once is stopped by the browser, and the files are on this computer's
// disk anyway, in the folder named).
import { useEffect, useId, useState } from 'react';
import type { DigestExportFormat } from '../../../core/digest/export.ts';
import type { Paper } from '../../../core/digest/model.ts';
import { useDigestExport } from '../stores/digest.ts';
import '../styles/digest.css';

const formatWords: Record<DigestExportFormat, string> = {
  html: 'HTML page',
  pdf: 'PDF',
  both: 'HTML and PDF',
};

export function DigestExport({
  businessId,
  clientName,
  clientCount,
}: {
  businessId: string;
  clientName: string;
  clientCount: number | undefined;
}) {
  const id = useId();
  const { target, running, progress, result, error, loadTarget, start, openFolder, download } =
    useDigestExport();
  const [which, setWhich] = useState<'one' | 'all'>('one');
  const [format, setFormat] = useState<DigestExportFormat>('pdf');
  const [paper, setPaper] = useState<Paper | ''>('');
  const [choose, setChoose] = useState(false);
  useEffect(() => {
    void loadTarget();
  }, [loadTarget]);

  const run = () =>
    void start({
      ...(which === 'all' ? { all: true } : { businessId }),
      format,
      ...(paper ? { paper } : {}),
      ...(choose ? { folder: 'choose' as const } : {}),
    });

  const n = (k: number) => `${k} digest${k === 1 ? '' : 's'}`;
  return (
    <section className="digest-export" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Export digests</h3>
      <div className="digest-export-options">
        <fieldset>
          <legend>Which</legend>
          <label>
            <input
              type="radio"
              name={`${id}-which`}
              checked={which === 'one'}
              onChange={() => setWhich('one')}
            />{' '}
            {clientName}
          </label>
          <label>
            <input
              type="radio"
              name={`${id}-which`}
              checked={which === 'all'}
              onChange={() => setWhich('all')}
            />{' '}
            All clients{clientCount !== undefined ? ` (${clientCount})` : ''}
          </label>
        </fieldset>
        <fieldset>
          <legend>Format</legend>
          {(Object.keys(formatWords) as DigestExportFormat[]).map((f) => (
            <label key={f}>
              <input
                type="radio"
                name={`${id}-format`}
                checked={format === f}
                onChange={() => setFormat(f)}
              />{' '}
              {formatWords[f]}
            </label>
          ))}
        </fieldset>
        <div className="digest-export-field">
          <label htmlFor={`${id}-paper`}>Paper</label>
          <select
            id={`${id}-paper`}
            value={paper}
            onChange={(e) => setPaper(e.target.value as Paper | '')}
          >
            <option value="">Each client’s own (Letter for US dollars, else A4)</option>
            <option value="letter">Letter for all</option>
            <option value="a4">A4 for all</option>
          </select>
        </div>
      </div>
      <div className="digest-export-go">
        <button className="primary" onClick={run} disabled={running}>
          {running ? 'Exporting…' : 'Export'}
        </button>
        <span className="muted small">
          {choose ? (
            'Into a folder you choose, in a folder of their own for today.'
          ) : (
            <>
              Into {target ? <code>{target.exportsDir}</code> : 'the data folder’s exports'}, in a
              folder of their own for today.
            </>
          )}
        </span>
        {target?.canChooseFolder && (
          <label className="small">
            <input type="checkbox" checked={choose} onChange={(e) => setChoose(e.target.checked)} />{' '}
            Ask me for another folder
          </label>
        )}
      </div>
      {running && (
        <div className="digest-progress">
          <progress
            aria-label="Digest export progress"
            max={progress?.total ?? 1}
            value={progress?.written ?? 0}
          />
          <span role="status">
            {!progress
              ? 'Building the digests…'
              : progress.written < progress.total
                ? `Writing ${progress.written + 1} of ${progress.total}…`
                : 'Saving them as the baseline for next week…'}
          </span>
        </div>
      )}
      {error && !running && (
        <p className="digest-export-problem" role="alert">
          {error}
        </p>
      )}
      {result && !running && !result.cancelled && (
        <div className={result.failure ? 'digest-export-problem' : 'digest-export-done'}>
          {result.failure ? (
            <p role="alert">{result.failure}</p>
          ) : (
            <>
              <p role="status">
                {n(result.written)} written to <code>{result.folder}</code>
                {result.canOpenFolder && (
                  <>
                    {' — '}
                    <button className="link" onClick={() => void openFolder(result.folder!)}>
                      Open folder
                    </button>
                  </>
                )}
              </p>
              <p className="small">
                Saved as the baseline: next week’s digest shows what changed since today.
              </p>
            </>
          )}
          {!result.canOpenFolder && result.files.length > 0 && (
            <div className="digest-files">
              <span className="small">
                {result.failure ? 'Written before it stopped:' : 'Download:'}
              </span>
              <ul aria-label="Exported files">
                {result.files.map((f) => (
                  <li key={f}>
                    <button
                      className="link"
                      onClick={() => void download(result.folder!, f)}
                      aria-label={`Download ${f}`}
                    >
                      {f}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
