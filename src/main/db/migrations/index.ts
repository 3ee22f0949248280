import { migration001 } from './001-initial.ts';
import { migration002 } from './002-advisor-work.ts';
import { migration003 } from './003-items.ts';
import { migration004 } from './004-endpoints-credits.ts';
import { migration005 } from './005-reconcile.ts';
import { migration006 } from './006-foreign-cash-spending.ts';
import { migration007 } from './007-tray-next-check.ts';
import { migration008 } from './008-drop-random-indexes.ts';
import { migration009 } from './009-tray-amount-currency.ts';
import { migration010 } from './010-sync-leases.ts';
import { migration011 } from './011-outbox-fixes.ts';
import { migration012 } from './012-recurring-choices.ts';
import { migration013 } from './013-scenarios.ts';
import { migration015 } from './015-tray-notes-history.ts';
import { migration014 } from './014-client-summaries.ts';
import { migration016 } from './016-customer-contacts.ts';
import { migration017 } from './017-drop-unused-mirror-indexes.ts';
import { migration018 } from './018-firm-hub.ts';

/** Numbered, append-only. Migration N brings PRAGMA user_version from N-1 to N. */
export const migrations: readonly string[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
  migration015,
  migration016,
  migration017,
  migration018,
];

export const latestSchemaVersion = migrations.length;
