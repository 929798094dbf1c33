/**
 * What the server answers when a request cannot be parsed (headers too large, malformed). Node's
 * own answer writes the status and destroys the socket at once; when the client is still sending
 * (a 40 KB query string arrives in several packets), the destroy resets the connection and the
 * client can see ECONNRESET instead of the status. Here the socket is ended after the answer and
 * what the client still sends is read and dropped, so the answer always arrives; a client that
 * keeps sending is cut off after `graceMs`.
 */
import type { Socket } from 'node:net';

const STATUS: Record<string, string> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  HPE_CHUNK_EXTENSIONS_OVERFLOW: '413 Payload Too Large',
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
};

/** Sockets already answered: the parser reports its error again for every later chunk. */
const answered = new WeakSet<Socket>();

export function answerClientError(error: NodeJS.ErrnoException, socket: Socket, graceMs = 5000): void {
  if (answered.has(socket)) return;
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  answered.add(socket);
  const status = STATUS[error.code ?? ''] ?? '400 Bad Request';
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.resume();
  const cutOff = setTimeout(() => socket.destroy(), graceMs);
  cutOff.unref();
  socket.once('close', () => clearTimeout(cutOff));
}
