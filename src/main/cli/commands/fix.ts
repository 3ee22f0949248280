// `rowcol fix --client ID (--bill | --invoice | --purchase | --payment) QBO_ID [what to change]`: records a
// hygiene fix in the outbox (checked against the mirror first; nothing is recorded when anything is
// wrong), then syncs the client, which sends it. Offline, or with --later, it waits in the outbox for
// the next `rowcol sync`.
import type { Command } from 'commander';
import { fixEntities, type FixEntity, type FixRequest } from '../../../core/fixes.ts';
import { requireClient } from '../advisor-format.ts';
import { json } from '../format.ts';
import { CliFailure, type CliIo } from '../io.ts';
import { withSession } from '../session.ts';

type FixOptions = {
  client?: string;
  item?: string;
  bill?: string;
  invoice?: string;
  purchase?: string;
  payment?: string;
  dueDate?: string;
  vendor?: string;
  customer?: string;
  payee?: string;
  account?: string;
  line?: string;
  note?: string;
  send?: boolean;
  applyTo?: string;
  delete?: boolean;
  confirm?: string;
  later?: boolean;
  json?: boolean;
};

const recordOptions = [
  ['bill', 'Bill'],
  ['invoice', 'Invoice'],
  ['purchase', 'Purchase'],
  ['payment', 'Payment'],
] as const satisfies readonly (readonly [keyof FixOptions, FixEntity])[];

function lineNumber(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1)
    throw new CliFailure(`--line must be a line number from 1, not "${v}".`, 2);
  return Number(v);
}

export function registerFix(program: Command, io: CliIo): void {
  program
    .command('fix')
    .description(
      'fix a record in QuickBooks from here: recorded in the outbox first, sent at once when QuickBooks is reachable',
    )
    .option('--client <id>', 'the client')
    .option('--item <id>', 'fix the record of this tray item (see `rowcol tray`)')
    .option('--bill <qboId>', 'the bill to fix')
    .option('--invoice <qboId>', 'the invoice to fix')
    .option('--purchase <qboId>', 'the purchase (expense) to fix')
    .option('--payment <qboId>', 'the customer payment to fix')
    .option('--due-date <date>', "set a bill's or an invoice's due date (YYYY-MM-DD)")
    .option('--vendor <id>', "set a bill's vendor (a QuickBooks vendor id)")
    .option('--customer <id>', "set an invoice's customer")
    .option('--payee <id>', "set a purchase's payee (a vendor id)")
    .option('--account <id>', 'recategorize an expense line to this account (with --line)')
    .option('--line <n>', 'the expense line to recategorize, from 1')
    .option('--note <text>', 'set the private note')
    .option('--send', 'send the invoice to the customer by e-mail (QuickBooks sends it)')
    .option(
      '--apply-to <invoiceId>',
      "apply the payment's unapplied amount to this invoice of the same customer",
    )
    .option('--delete', 'delete the bill (a duplicate: needs --confirm)')
    .option('--confirm <billId>', 'with --delete: the bill it duplicates, which is kept')
    .option('--later', 'only record the fix; the next `rowcol sync` sends it')
    .option('--json', 'print the fix as JSON')
    .action(async (opts: FixOptions, cmd: Command) => {
      const businessId = requireClient(opts.client, 'fix');
      const named = recordOptions.filter(([o]) => opts[o] !== undefined);
      const itemId = opts.item === undefined ? undefined : Number(opts.item);
      if (itemId !== undefined && (!Number.isInteger(itemId) || itemId <= 0))
        throw new CliFailure(`not a tray item id: ${opts.item}`, 2);
      if (named.length > 1 || (named.length === 0 && itemId === undefined))
        throw new CliFailure(
          'fix needs one of --bill, --invoice, --purchase, --payment with its QuickBooks id, or --item with a tray item.',
          2,
        );
      const fix = await withSession(cmd.optsWithGlobals().dataDir, io, async ({ call }) => {
        let entity: FixEntity;
        let qboId: string;
        if (named.length === 1) {
          const [option, e] = named[0]!;
          entity = e;
          qboId = String(opts[option]).trim();
        } else {
          // The record the tray item found (its first one: a duplicate names the bill to delete first).
          const items = await call('tray:list', {
            businessId,
            statuses: ['open', 'approved', 'excluded', 'resolved'],
          });
          const item = items.find((i) => i.id === itemId);
          if (!item)
            throw new CliFailure(
              `No tray item ${itemId} for client ${businessId}; see \`rowcol tray\`.`,
              2,
            );
          const e = fixEntities.find((x) => x === item.entity);
          if (!e || item.qboIds.length === 0)
            throw new CliFailure(
              `Tray item ${itemId} (${item.code}) is not about a bill, invoice, purchase or payment.`,
              2,
            );
          entity = e;
          qboId = item.qboIds[0]!;
        }
        const req: FixRequest = {
          businessId,
          entity,
          qboId,
          ...(itemId !== undefined ? { itemId } : {}),
          ...(opts.dueDate !== undefined ? { dueDate: opts.dueDate } : {}),
          ...(opts.vendor !== undefined ? { vendorId: opts.vendor } : {}),
          ...(opts.customer !== undefined ? { customerId: opts.customer } : {}),
          ...(opts.payee !== undefined ? { payeeId: opts.payee } : {}),
          ...(opts.account !== undefined ? { accountId: opts.account } : {}),
          ...(opts.line !== undefined ? { line: lineNumber(opts.line) } : {}),
          ...(opts.note !== undefined ? { note: opts.note } : {}),
          ...(opts.send ? { send: true } : {}),
          ...(opts.applyTo !== undefined ? { applyTo: opts.applyTo } : {}),
          ...(opts.delete ? { delete: true } : {}),
          ...(opts.confirm !== undefined ? { confirm: opts.confirm } : {}),
        };
        const recorded = await call('fixes:record', req);
        if (opts.later) return recorded;
        // The client's sync sends its fixes first; offline, the fix simply stays pending.
        await call('sync:run', { businessId }).catch(() => undefined);
        return (
          (await call('outbox:list', { businessId })).find((f) => f.id === recorded.id) ?? recorded
        );
      });
      if (opts.json) return io.out(json(fix));
      const where =
        fix.state === 'applied'
          ? 'applied in QuickBooks'
          : fix.state === 'conflict'
            ? 'in conflict: QuickBooks changed the same fields (see `rowcol outbox`)'
            : fix.state === 'failed'
              ? `refused by QuickBooks: ${fix.reason ?? 'no reason given'}`
              : 'pending: it is sent at the next `rowcol sync`';
      io.out(`Fix ${fix.id}: ${fix.summary}; ${where}.\n`);
    });
}
