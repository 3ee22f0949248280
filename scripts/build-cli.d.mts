// Types of scripts/build-cli.mjs for its TypeScript callers (the test suite's global setup).
export declare const cliOutDir: string;
export declare function buildCli(options?: {
  quiet?: boolean;
}): Promise<{ built: boolean; written: number }>;
