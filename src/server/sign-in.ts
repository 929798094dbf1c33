/**
 * The sign-in form of a server with a token: a plain HTML form (no script, so it works under the
 * pages' strict CSP) that posts the token to `<root>login`; the answer sets the session cookie and
 * sends the browser back where it wanted to go. The form is the body of every 401 a browser gets
 * for a page, so no redirect is needed and the address bar keeps the page's URL.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Auth } from './auth.js';
import { escapeHtml } from './pages.js';

const MAX_FORM_BYTES = 8192;

/** `root`: the way from the page's URL up to the server root (`''`, `'../'`…). */
export function signInPage(root: string, next: string, failed = false): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign in · runpage</title><link rel="stylesheet" href="${root}assets/page.css"></head>
<body>
<h1>Sign in</h1>
<p>This runpage server needs its access token.</p>
${failed ? '<p class="error" role="alert">That token is not right.</p>' : ''}
<form method="post" action="${root}login">
<input type="hidden" name="next" value="${escapeHtml(next)}">
<p><label>Token <input type="password" name="token" autocomplete="current-password" required autofocus></label></p>
<p><button type="submit">Sign in</button></p>
</form>
</body>
</html>
`;
}

/**
 * Where to go after signing in: a path relative to the server root (`runs/abc?x=1`), or the root
 * when `next` is anything else (an absolute URL, `//host`, `..`), so the form cannot send anyone away.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2048) return '';
  if (!/^[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*$/.test(next)) return '';
  const path = next.split('?')[0];
  if (path.startsWith('/') || path.includes('//') || path.split('/').some((s) => s === '..' || s === '.')) return '';
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return '';
  return next;
}

/** A form post from another site is refused: the browser says where it came from. */
function sameOrigin(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' || site === 'none';
  const origin = req.headers.origin;
  if (typeof origin !== 'string' || origin === 'null') return origin === undefined;
  try {
    return new URL(origin).host.toLowerCase() === String(req.headers.host ?? '').toLowerCase();
  } catch {
    return false;
  }
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function isHttps(req: IncomingMessage): boolean {
  const forwarded = req.headers['x-forwarded-proto'];
  return (
    (req.socket as { encrypted?: boolean }).encrypted === true ||
    (typeof forwarded === 'string' && forwarded.split(',')[0].trim().toLowerCase() === 'https')
  );
}

function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string>): void {
  const body = Buffer.from(html, 'utf8');
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': String(body.length),
  });
  res.end(body);
}

/** `POST <root>login`: signs the browser in, or shows the form again. */
export async function handleSignIn(
  req: IncomingMessage,
  res: ServerResponse,
  auth: Auth,
  pageHeaders: Record<string, string>,
): Promise<void> {
  if (!sameOrigin(req)) {
    sendHtml(res, 403, signInPage('', ''), pageHeaders);
    return;
  }
  const form = await readForm(req);
  const next = safeNext(form?.get('next'));
  const token = form?.get('token');
  if (typeof token !== 'string' || !auth.matchesToken(token)) {
    sendHtml(res, 401, signInPage('', next, true), pageHeaders);
    return;
  }
  // 303: the browser follows with a GET; the location is relative to <root>login, so it stays under the root.
  res.writeHead(303, {
    ...pageHeaders,
    'Set-Cookie': auth.sessionCookie(isHttps(req)),
    Location: `./${next}`,
    'Content-Length': '0',
  });
  res.end();
}
