// Every CLI command, registered in one place. Add a command: a file here exporting register<Name>.
import type { Command } from 'commander';
import type { CliIo } from '../io.ts';
import { registerCalls } from './calls.ts';
import { registerClients } from './clients.ts';
import { registerConsole } from './console.ts';
import { registerDecide } from './decide.ts';
import { registerDigest } from './digest.ts';
import { registerTray } from './tray.ts';

export function registerCommands(program: Command, io: CliIo): void {
  registerClients(program, io);
  registerTray(program, io);
  registerConsole(program, io);
  registerDecide(program, io);
  registerCalls(program, io);
  registerDigest(program, io);
}
