/**
 * Who may read a server's runs. With a token (`--auth-token-file`, `RUNPAGE_AUTH_TOKEN`), a request
 * passes when it carries `Authorization: Bearer <token>` (scripts, `HttpSource` on other pages) or
 * the session cookie the sign-in form sets (people in a browser: the cookie also travels with what a
 * browser fetches on its own — the bundle's script tags, `<img src>` of media, file downloads).
 * An `authorize(req)` hook lets a deployment decide by itself (headers set by an SSO proxy).
 *
 * The session cookie is HttpOnly (no script can read it) and SameSite=Strict (no other site can
 * send it), and holds no token: it is a time stamp signed with the token (HMAC-SHA256), valid for
 * seven days or until the token changes. Tokens are compared in constant time and never logged or
 * repeated in an answer.
 */
import type { IncomingMessage } from 'node:http';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface AuthOptions {
  /** Requests must carry this token (bearer header or the sign-in cookie). */
  token?: string;
  /** Decides about a request itself (true: let it in); with a token too, either one lets it in. */
  authorize?: (req: IncomingMessage) => boolean | Promise<boolean>;
  /** The clock (epoch ms), for tests. */
  now?: () => number;
}

/** Tokens shorter than this are refused: a token is a secret, not a password to remember. */
export const MIN_TOKEN_LENGTH = 16;
export const SESSION_SECONDS = 7 * 24 * 3600;

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Equal strings, compared in time that does not depend on where they differ (or on their lengths). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

export class Auth {
  readonly cookieName: string;
  private readonly token?: string;
  private readonly authorize?: AuthOptions['authorize'];
  private readonly now: () => number;

  constructor(o: AuthOptions) {
    if (o.token !== undefined) checkToken(o.token);
    this.token = o.token;
    this.authorize = o.authorize;
    this.now = o.now ?? (() => Date.now());
    // Servers on one host name share cookies whatever their port: each token gets its own name.
    this.cookieName = `runpage_session_${o.token ? digest(`cookie-name:${o.token}`).toString('hex').slice(0, 8) : 'x'}`;
  }

  /** Whether people can sign in with the form (a token is set). */
  get hasToken(): boolean {
    return this.token !== undefined;
  }

  async allows(req: IncomingMessage): Promise<boolean> {
    if (this.token !== undefined) {
      const bearer = bearerOf(req);
      if (bearer !== undefined && sameSecret(bearer, this.token)) return true;
      const cookie = cookieOf(req, this.cookieName);
      if (cookie !== undefined && this.validSession(cookie)) return true;
    }
    if (this.authorize) {
      try {
        return (await this.authorize(req)) === true;
      } catch {
        return false;
      }
    }
    return false;
  }

  matchesToken(candidate: string): boolean {
    return this.token !== undefined && sameSecret(candidate, this.token);
  }

  /** The `Set-Cookie` value that signs a browser in (Secure when the request came over HTTPS). */
  sessionCookie(secure: boolean): string {
    const issued = Math.floor(this.now() / 1000);
    const parts = [
      `${this.cookieName}=${issued}.${this.sign(issued)}`,
      'HttpOnly',
      'SameSite=Strict',
      `Max-Age=${SESSION_SECONDS}`,
    ];
    if (secure) parts.push('Secure');
    // No Path: the browser scopes the cookie to the folder of the sign-in URL, which is the server's
    // root wherever a proxy mounts it.
    return parts.join('; ');
  }

  private sign(issued: number): string {
    return createHmac('sha256', this.token!).update(`runpage-session:${issued}`).digest('base64url');
  }

  private validSession(value: string): boolean {
    const m = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value);
    if (!m) return false;
    const issued = Number(m[1]);
    const age = this.now() / 1000 - issued;
    if (age > SESSION_SECONDS || age < -60) return false;
    return sameSecret(m[2], this.sign(issued));
  }
}

function checkToken(token: string): void {
  if (typeof token !== 'string' || token.length < MIN_TOKEN_LENGTH)
    throw new Error(
      `the auth token must be at least ${MIN_TOKEN_LENGTH} characters long (make one with: openssl rand -hex 32).`,
    );
  if (/[\s\0]/.test(token)) throw new Error('the auth token must not contain spaces or line breaks.');
}

function bearerOf(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const m = typeof header === 'string' ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header) : null;
  return m ? m[1] : undefined;
}

function cookieOf(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** A token read from a file: surrounding white space (the file's final newline) removed. */
export function tokenFromFileText(text: string): string {
  return text.trim();
}
