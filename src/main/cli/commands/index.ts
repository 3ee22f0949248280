// Every CLI command, registered in one place. Add a command: a file here exporting register<Name>.
import type { Command } from 'commander';
import type { CliIo } from '../io.ts';
import { registerApp } from './app.ts';
import { registerAudit } from './audit.ts';
import { registerBackup } from './backup.ts';
import { registerCalls } from './calls.ts';
import { registerClients } from './clients.ts';
import { registerConnect } from './connect.ts';
import { registerConsole } from './console.ts';
import { registerDecide } from './decide.ts';
import { registerDigest } from './digest.ts';
import { registerDisconnect } from './disconnect.ts';
import { registerEmulator } from './emulator.ts';
import { registerFix } from './fix.ts';
import { registerForecast } from './forecast.ts';
import { registerHub } from './hub.ts';
import { registerOutbox } from './outbox.ts';
import { registerRestore } from './restore.ts';
import { registerScenario } from './scenario.ts';
import { registerSettings } from './settings.ts';
import { registerSync } from './sync.ts';
import { registerTray } from './tray.ts';

export function registerCommands(program: Command, io: CliIo): void {
  registerClients(program, io);
  registerConnect(program, io);
  registerSync(program, io);
  registerDisconnect(program, io);
  registerTray(program, io);
  registerConsole(program, io);
  registerDecide(program, io);
  registerCalls(program, io);
  registerDigest(program, io);
  registerFix(program, io);
  registerForecast(program, io);
  registerOutbox(program, io);
  registerEmulator(program, io);
  registerBackup(program, io);
  registerRestore(program, io);
  registerScenario(program, io);
  registerApp(program, io);
  registerSettings(program, io);
  registerHub(program, io);
  registerAudit(program, io);
}
