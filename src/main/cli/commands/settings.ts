// `rowcol settings [get [KEY]] [--json]` shows the settings of the data folder (the window's Settings
// screen shows the same file); `rowcol settings set KEY VALUE` changes one (VALUE `default` puts it back).
// The client secret is read from stdin (`set intuit.clientSecret -`): on the command line it would stay
// in the shell's history. It is never printed, only "set" or "not set".
import type { Command } from 'commander';
import { defaultHygieneThresholds, type HygieneThresholds } from '../../../core/hygiene/codes.ts';
import {
  dateFormats,
  paperSizes,
  type SettingsPatch,
  type SettingsView,
} from '../../../core/settings.ts';
import { json, table } from '../format.ts';
import { CliFailure, type CliIo } from '../io.ts';
import { withSession } from '../session.ts';

const thresholdNames = Object.keys(defaultHygieneThresholds) as (keyof HygieneThresholds)[];

/** Every key `rowcol settings` knows, in the order shown. */
export const settingKeys = [
  'intuit.clientId',
  'intuit.clientSecret',
  'syncIntervalMinutes',
  'paperSize',
  'dateFormat',
  ...thresholdNames.map((k) => `trayThresholds.${k}`),
];

/** The settings as `key → shown value` rows (the secret only as set / not set). */
export function settingRows(v: SettingsView): [string, string][] {
  return [
    ['intuit.clientId', v.intuit.clientId || '(not set)'],
    ['intuit.clientSecret', v.intuit.clientSecret],
    ['syncIntervalMinutes', String(v.syncIntervalMinutes)],
    ['paperSize', v.paperSize],
    ['dateFormat', v.dateFormat],
    ...thresholdNames.map((k): [string, string] => [
      `trayThresholds.${k}`,
      `${v.trayThresholds[k]}${k in v.trayThresholdOverrides ? '' : ' (default)'}`,
    ]),
  ];
}

const wholeNumber = (key: string, value: string): number => {
  if (!/^\d+$/.test(value)) throw new CliFailure(`${key} takes a whole number, not ${value}.`, 2);
  return Number(value);
};

/** `set KEY VALUE` as a contract patch; the handler's schema checks the ranges. */
export function patchFor(key: string, value: string): SettingsPatch {
  const reset = value === 'default';
  if (key === 'intuit.clientId') return { intuit: { clientId: reset ? null : value } };
  if (key === 'intuit.clientSecret') return { intuit: { clientSecret: reset ? null : value } };
  if (key === 'syncIntervalMinutes')
    return { syncIntervalMinutes: reset ? null : wholeNumber(key, value) };
  if (key === 'paperSize') {
    if (!reset && !(paperSizes as readonly string[]).includes(value))
      throw new CliFailure(`paperSize is ${paperSizes.join(' or ')}, not ${value}.`, 2);
    return { paperSize: reset ? null : (value as SettingsPatch['paperSize']) };
  }
  if (key === 'dateFormat') {
    if (!reset && !(dateFormats as readonly string[]).includes(value))
      throw new CliFailure(`dateFormat is one of ${dateFormats.join(', ')}, not ${value}.`, 2);
    return { dateFormat: reset ? null : (value as SettingsPatch['dateFormat']) };
  }
  const threshold = key.startsWith('trayThresholds.') ? key.slice('trayThresholds.'.length) : '';
  if ((thresholdNames as string[]).includes(threshold)) {
    if (!reset && !/^\d+(\.\d+)?$/.test(value))
      throw new CliFailure(`${key} takes a positive number, not ${value}.`, 2);
    return { trayThresholds: { [threshold]: reset ? null : Number(value) } };
  }
  throw new CliFailure(`unknown setting ${key}; use one of ${settingKeys.join(', ')}.`, 2);
}

async function readStdin(io: CliIo): Promise<string> {
  if (process.stdin.isTTY) io.err('Paste the client secret, then press Enter and Ctrl-D:\n');
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.trim();
}

export function registerSettings(program: Command, io: CliIo): void {
  const settings = program
    .command('settings')
    .description(
      'show or change the settings shared with the window: Intuit app keys, sync interval, tray thresholds, paper size, date format',
    )
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => show(undefined, opts, cmd));

  const show = async (key: string | undefined, opts: { json?: boolean }, cmd: Command) => {
    if (key !== undefined && !settingKeys.includes(key))
      throw new CliFailure(`unknown setting ${key}; use one of ${settingKeys.join(', ')}.`, 2);
    const view = await withSession(cmd.optsWithGlobals().dataDir, io, ({ call }) =>
      call('settings:get', {}),
    );
    const rows = settingRows(view);
    if (key !== undefined) {
      const row = rows.find(([k]) => k === key)!;
      return io.out(opts.json ? json({ [key]: row[1] }) : `${row[1]}\n`);
    }
    if (opts.json) return io.out(json(view));
    io.out(`Settings in ${view.file}\n`);
    io.out(table(['setting', 'value'], rows));
    if (view.intuit.fromEnvironment)
      io.out(
        'ROWCOL_QBO_CLIENT_ID / ROWCOL_QBO_CLIENT_SECRET are set: they are used instead of the app keys above.\n',
      );
  };

  settings
    .command('get')
    .description('show every setting, or the value of one')
    .argument('[key]', `one of ${settingKeys.join(', ')}`)
    .option('--json', 'print JSON')
    .action(async (key: string | undefined, opts: { json?: boolean }, cmd: Command) =>
      show(key, opts, cmd),
    );

  settings
    .command('set')
    .description(
      'change one setting (VALUE `default` puts it back; the client secret: VALUE `-` reads it from stdin)',
    )
    .argument('<key>', `one of ${settingKeys.join(', ')}`)
    .argument('<value>', 'the new value')
    .action(async (key: string, value: string, _opts: unknown, cmd: Command) => {
      if (key === 'intuit.clientSecret' && value !== '-' && value !== 'default')
        throw new CliFailure(
          'give the client secret on stdin, not on the command line (it would stay in your shell history): rowcol settings set intuit.clientSecret -',
          2,
        );
      const patch =
        key === 'intuit.clientSecret' && value === '-'
          ? { intuit: { clientSecret: await readStdin(io) } }
          : patchFor(key, value);
      if (patch.intuit?.clientSecret === '')
        throw new CliFailure('no client secret on stdin; nothing was changed.', 2);
      const view = await withSession(cmd.optsWithGlobals().dataDir, io, ({ call }) =>
        call('settings:set', patch),
      );
      const shown = settingRows(view).find(([k]) => k === key)![1];
      io.out(`${key} is now ${shown}.\n`);
    });
}
