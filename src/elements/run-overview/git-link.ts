/** Web URL of a commit when the remote is a forge we know (GitHub, GitLab, Bitbucket, Codeberg); otherwise undefined. */
export function commitUrl(remote: string | undefined, commit: string | undefined): string | undefined {
  const repo = repoUrl(remote);
  if (!repo || !commit || !/^[0-9a-f]{7,40}$/i.test(commit)) return undefined;
  const host = new URL(repo).host;
  if (host === 'bitbucket.org') return `${repo}/commits/${commit}`;
  if (host === 'gitlab.com') return `${repo}/-/commit/${commit}`;
  return `${repo}/commit/${commit}`;
}

const FORGES = ['github.com', 'gitlab.com', 'bitbucket.org', 'codeberg.org'];

/** `https://github.com/owner/repo` from `git@github.com:owner/repo.git`, `https://user@github.com/owner/repo.git`… */
export function repoUrl(remote: string | undefined): string | undefined {
  if (!remote) return undefined;
  const trimmed = remote.trim();
  const scp = /^[\w.-]+@([\w.-]+):(.+?)(?:\.git)?\/?$/.exec(trimmed);
  let host: string;
  let path: string;
  if (scp) {
    [, host, path] = scp;
  } else {
    let url: URL;
    try {
      url = new URL(trimmed.replace(/^git\+/, '').replace(/^ssh:\/\/git@/, 'https://'));
    } catch {
      return undefined;
    }
    if (!/^(https?|ssh|git):$/.test(url.protocol)) return undefined;
    host = url.host;
    path = url.pathname
      .replace(/^\/+/, '')
      .replace(/\.git\/?$/, '')
      .replace(/\/+$/, '');
  }
  if (!FORGES.includes(host.toLowerCase()) || !/^[\w.-]+(\/[\w.-]+)+$/.test(path)) return undefined;
  return `https://${host.toLowerCase()}/${path}`;
}

/**
 * A command line as people would type it: arguments with spaces or quotes are quoted. W&B records
 * `python -m pkg.mod` as the program `-m pkg.mod`; that reads as the command that was typed.
 */
export function formatCommand(program: string | undefined, args: readonly string[] = []): string {
  const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const moduleRun = /^-m\s+(\S+)$/.exec(program ?? '');
  const head = moduleRun ? ['python', '-m', moduleRun[1]] : [program ?? ''];
  return [...head, ...args]
    .filter((s) => s !== '')
    .map(quote)
    .join(' ');
}
