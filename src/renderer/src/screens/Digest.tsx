import { useMemo } from 'react';
import { renderDigestHtml } from '../../../core/digest/html.ts';
import { useApp } from '../store.ts';

/** The same self-contained page the CLI writes, shown in a sandboxed frame (no scripts, no network). */
export function Digest({ businessId }: { businessId: string }) {
  const { digest, loadDigest } = useApp();
  const model = digest.data?.find((d) => d.businessId === businessId);
  const html = useMemo(() => (model ? renderDigestHtml(model) : ''), [model]);
  if (digest.error)
    return (
      <p className="error" role="alert">
        {digest.error}
      </p>
    );
  if (!model)
    return (
      <p className="muted" role="status">
        Building the digest…
      </p>
    );
  return (
    <div>
      <div className="toolbar">
        <button
          onClick={() => void loadDigest(businessId, true)}
          title="Keep this digest so the next one shows the change"
        >
          Save this week’s digest
        </button>
        <span className="muted small">
          Export as HTML or PDF with `rowcol digest --client {businessId} --format pdf`.
        </span>
      </div>
      <iframe
        className="digest"
        title={`Digest for ${model.clientName}`}
        sandbox=""
        srcDoc={html}
      />
    </div>
  );
}
