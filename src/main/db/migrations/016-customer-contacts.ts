// Migration 16: each customer's contact, for the collections screen (issue 13 §4): the person
// (GivenName FamilyName), PrimaryEmailAddr.Address, PrimaryPhone.FreeFormNumber and Mobile.FreeFormNumber.
// The raw QBO JSON is kept in `data`, so customers mirrored before this version get them now, by the rule
// of core/mirror/columns.ts `contact`: text or a number, trimmed, cut at 2000 characters, blank = NULL.
// Anything else (an object where text belongs) stays NULL here; the next sync of the record flags it.

// JavaScript's String.prototype.trim set: SQLite's trim() alone strips only spaces.
const space =
  'char(32, 9, 10, 11, 12, 13, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288, 65279)';
const detail = (
  path: string,
) => `(CASE WHEN json_type(data, '${path}') IN ('text', 'integer', 'real')
    THEN NULLIF(substr(trim(CAST(json_extract(data, '${path}') AS TEXT), ${space}), 1, 2000), '') END)`;

export const migration016 = `
ALTER TABLE mirror_customers ADD COLUMN contact_name TEXT;
ALTER TABLE mirror_customers ADD COLUMN email TEXT;
ALTER TABLE mirror_customers ADD COLUMN phone TEXT;
ALTER TABLE mirror_customers ADD COLUMN mobile TEXT;
UPDATE mirror_customers SET
  contact_name = NULLIF(trim(COALESCE(${detail('$.GivenName')}, '') || ' ' || COALESCE(${detail('$.FamilyName')}, '')), ''),
  email = ${detail('$.PrimaryEmailAddr.Address')},
  phone = ${detail('$.PrimaryPhone.FreeFormNumber')},
  mobile = ${detail('$.Mobile.FreeFormNumber')}
WHERE json_valid(data);
`;
