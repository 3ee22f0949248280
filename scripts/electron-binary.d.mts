// Types of scripts/electron-binary.mjs for its TypeScript callers (tests of npm start).
export declare function electronPackageDir(root: string): string;
export declare function presentElectronBinary(root: string): string | undefined;
export declare function electronVersion(root: string): string;
export declare function electronAbi(root: string): string | undefined;
