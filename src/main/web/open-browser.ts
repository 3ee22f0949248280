// Opens a link in the person's default browser with the system's own opener (open, start, xdg-open).
// Never waits for the browser: some openers only return when it closes. Failing to open is reported as a
// reason for a note (the link is printed anyway), never as an error.
import { spawn } from 'node:child_process';

function opener(url: string, platform: NodeJS.Platform): [string, string[]] {
  if (platform === 'darwin') return ['open', [url]];
  // The URL in double quotes, so cmd.exe reads its & and ^ as text; URL objects percent-encode quotes.
  if (platform === 'win32') return ['cmd', ['/d', '/s', '/c', `start "" "${url}"`]];
  return ['xdg-open', [url]];
}

/** Resolves with undefined once opened, or with why it could not be; may never settle (see above). */
export function openInBrowser(
  link: string,
  platform: NodeJS.Platform = process.platform,
): Promise<string | undefined> {
  const url = new URL(link);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return Promise.resolve(`${url.protocol} links are not opened`);
  const [command, args] = opener(url.href, platform);
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: 'ignore',
      detached: platform !== 'win32',
      windowsHide: true,
      windowsVerbatimArguments: platform === 'win32',
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'ENOENT' ? `${command} is not installed` : error.message),
    );
    child.on('exit', (code) => resolve(code === 0 ? undefined : `${command} exited with ${code}`));
    child.unref();
  });
}
