// Help (the menu's Help, and the header's "?"): what each screen is for, the keys that move around, and
// where the books and the settings live. Short on purpose: the screens say what to do where it matters.
export function Help() {
  return (
    <section className="help" aria-label="Help">
      <h2>Help</h2>
      <h3>What RowCol shows</h3>
      <ul>
        <li>
          <strong>Clients</strong>: every client’s cash, runway in days, lowest point ahead and the
          problems in its books, from the local copy of QuickBooks (it works offline; “as of” says
          when it was last synced).
        </li>
        <li>
          <strong>Hygiene tray</strong>: records to fix, approve or exclude; fixes are sent to
          QuickBooks once, at the next sync.
        </li>
        <li>
          <strong>Decision console</strong>: bills to pay now, delay or hold, with what each does to
          cash by the day; select several to move them together.
        </li>
        <li>
          <strong>Forecast</strong>: 13 weeks by the day, recurring money to confirm, each
          customer’s paying habit, and scenarios to compare.
        </li>
        <li>
          <strong>Collections</strong>: overdue invoices across clients with whom to call, and the
          promises made.
        </li>
        <li>
          <strong>Weekly digest</strong>: one page per client, exported as HTML or PDF.
        </li>
      </ul>
      <h3>Keys</h3>
      <ul>
        <li>
          <kbd>/</kbd> searches the client list; <kbd>↑</kbd> <kbd>↓</kbd> move between clients,{' '}
          <kbd>Enter</kbd> opens one, <kbd>Escape</kbd> goes back.
        </li>
        <li>
          <kbd>Escape</kbd> also clears a selection of bills in the console.
        </li>
      </ul>
      <h3>Where things are</h3>
      <p>
        The books’ copy, your decisions and the settings live in RowCol’s data folder on this
        computer (Settings shows the file). Tokens are kept in the system keychain, never in plain
        text. The command line (<code>npx rowcol --help</code>) works on the same data.
      </p>
    </section>
  );
}
