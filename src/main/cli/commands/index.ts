// Every CLI command, registered in one place. Add a command: a file here exporting register<Name>.
import type { Command } from 'commander';
import type { CliIo } from '../io.ts';
import { registerClients } from './clients.ts';
import { registerEmulator } from './emulator.ts';

export function registerCommands(program: Command, io: CliIo): void {
  registerClients(program, io);
  registerEmulator(program, io);
}
