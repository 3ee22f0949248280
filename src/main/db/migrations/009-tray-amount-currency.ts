// Migration 9: the currency of a tray item's amount, when it is not the client's home currency (a
// FOREIGN_CURRENCY item's amount is in the record's currency). Before, screens guessed it from the title
// or showed dollars. Items already raised get it from their title ("… is in EUR, not USD"); the next
// tray refresh writes it from the rule itself.

export const migration009 = `
ALTER TABLE hygiene_items ADD COLUMN currency TEXT;
UPDATE hygiene_items SET currency = substr(title, instr(title, ' is in ') + 7, 3)
  WHERE code = 'FOREIGN_CURRENCY' AND instr(title, ' is in ') > 0;
`;
