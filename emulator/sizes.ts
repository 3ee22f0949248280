// The sizes of generated books, in a file of their own: `rowcol` lists them in its help without loading
// the emulator (which it imports only when `rowcol emulator` or the demo runs).
export const SIZES = ['empty', 'small', 'medium', 'large'] as const;
