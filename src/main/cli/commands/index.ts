// Every CLI command, registered in one place. Add a command: a file here exporting register<Name>.
import type { Command } from 'commander';
import type { CliIo } from '../io.ts';
import { registerClients } from './clients.ts';
import { registerConnect } from './connect.ts';
import { registerDisconnect } from './disconnect.ts';
import { registerEmulator } from './emulator.ts';
import { registerSync } from './sync.ts';

export function registerCommands(program: Command, io: CliIo): void {
  registerClients(program, io);
  registerEmulator(program, io);
  registerConnect(program, io);
  registerSync(program, io);
  registerDisconnect(program, io);
}
