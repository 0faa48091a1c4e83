import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { ErrorMessage, Loading } from '../components/ui';

/** The tenant's email deliveries (for platform admins: of the tenant chosen with X-Tenant-Id). */
export function DeliveriesTable({ tenantKey = '' }: { tenantKey?: string }) {
  const [status, setStatus] = useState('');
  const q = useQuery({
    queryKey: ['deliveries', tenantKey, status],
    queryFn: () => api.deliveries(status || undefined),
  });
  return (
    <section className="card" aria-labelledby="del-title">
      <h2 id="del-title">Email deliveries</h2>
      <label>
        Status{' '}
        <select value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">All</option>
          <option value="FAILED">Failed</option>
          <option value="PENDING">Pending</option>
          <option value="SENT">Sent</option>
        </select>
      </label>
      {q.isPending && <Loading what="deliveries" />}
      <ErrorMessage error={q.error} />
      {q.data && q.data.length === 0 && <p>No deliveries.</p>}
      {q.data && q.data.length > 0 && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last error</th>
              </tr>
            </thead>
            <tbody>
              {q.data.map((d) => (
                <tr key={d.id} className={d.status === 'FAILED' ? 'row-error' : ''}>
                  <td>{String(d.createdAt).slice(0, 16).replace('T', ' ')}</td>
                  <td>{d.recipient}</td>
                  <td>{d.subject ?? d.template}</td>
                  <td>{d.status === 'FAILED' ? '✗ Failed' : d.status.charAt(0) + d.status.slice(1).toLowerCase()}</td>
                  <td>{d.attempts}</td>
                  <td className="field-error">{d.lastError}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
