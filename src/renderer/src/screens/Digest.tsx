import { useEffect, useMemo } from 'react';
import { renderDigestHtml } from '../../../core/digest/html.ts';
import { DigestExport } from '../components/DigestExport.tsx';
import { useApp } from '../store.ts';
import { useClients } from '../stores/clients.ts';
import { useDigestExport } from '../stores/digest.ts';

/**
 * The client's weekly digest: the export (HTML / PDF, this client or all) above the same self-contained
 * page the files hold, shown in a sandboxed frame (no scripts, no network).
 */
export function Digest({ businessId }: { businessId: string }) {
  const { digest, loadDigest } = useApp();
  const clientCount = useClients((c) => c.rows?.length);
  const model = digest.data?.find((d) => d.businessId === businessId);
  const html = useMemo(() => (model ? renderDigestHtml(model) : ''), [model]);
  // Another client's tab starts without the last export's result (an export under way keeps its progress).
  useEffect(
    () => () => {
      if (!useDigestExport.getState().running) useDigestExport.getState().dismiss();
    },
    [businessId],
  );
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
      <DigestExport
        businessId={businessId}
        clientName={model.clientName}
        clientCount={clientCount}
      />
      <div className="toolbar">
        <button
          onClick={() => void loadDigest(businessId, true)}
          title="Keep this digest so the next one shows the change"
        >
          Save this week’s digest
        </button>
        <span className="muted small">
          Exporting saves the digests too; save here when you send this one some other way.
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
