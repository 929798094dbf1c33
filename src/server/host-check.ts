/**
 * Which `Host` names a server answers to. A page on evil.example whose name resolves to 127.0.0.1
 * (DNS rebinding) must not read the runs of a server on this machine, so a request that arrived on
 * a loopback address must name a loopback host (`localhost`, `127.0.0.1`, `[::1]`) with the port it
 * arrived on, or one of the names given with `--allowed-hosts` (what a proxy in front forwards).
 * Requests from the network are checked against `--allowed-hosts` when it is given.
 */
import type { IncomingMessage } from 'node:http';

export interface AllowedHost {
  name: string;
  /** Absent: any port (or none). */
  port?: number;
}

/** `runs.example.com`, `runs.example.com:8443`, `[::1]:8080` → names and ports; throws on anything else. */
export function parseAllowedHosts(list: readonly string[]): AllowedHost[] {
  return list.map((raw) => {
    const host = parseHost(raw.trim());
    if (!host || host.name === '')
      throw new Error(
        `${JSON.stringify(raw)} is not a host name (give names like runs.example.com or runs.example.com:8443).`,
      );
    return host;
  });
}

function parseHost(text: string): AllowedHost | undefined {
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(?::(\d{1,5}))?$/i.exec(text);
  if (!m) return undefined;
  const out: AllowedHost = { name: m[1].toLowerCase() };
  if (m[2] !== undefined) out.port = Number(m[2]);
  return out;
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isLoopbackAddress(address: string | undefined): boolean {
  return !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

/** Why the request's Host is refused, or undefined when it is this server. */
export function hostRefusal(req: IncomingMessage, allowed: readonly AllowedHost[]): string | undefined {
  const header = String(req.headers.host ?? '');
  const host = parseHost(header);
  if (host && allowed.some((a) => a.name === host.name && (a.port === undefined || a.port === host.port)))
    return undefined;
  const socket = req.socket;
  if (isLoopbackAddress(socket?.localAddress)) {
    const port = host?.port ?? 80;
    if (host && LOOPBACK_NAMES.has(host.name) && port === socket.localPort) return undefined;
  } else if (allowed.length === 0) {
    return undefined;
  }
  return `Host ${JSON.stringify(header)} is not a name of this server (names it answers to are set with --allowed-hosts).`;
}
