/**
 * Requests the HTTP parser refuses (headers too large, malformed) get their status, and the
 * client always reads it: the server ends the connection after the answer and drops what the
 * client still sends, instead of resetting the connection under it.
 */
import { after, before, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { connect, type Socket } from 'node:net';
import type { RunpageServer } from '../../../src/server/server.js';
import { answerClientError } from '../../../src/server/client-errors.js';
import { serve } from './helpers.js';

let server: RunpageServer;
before(async () => ({ server } = await serve()));
after(() => server.close());

/** Writes `first`, waits for the server's answer, then writes `more` and ends. */
function askInTwoParts(first: string, more: string): Promise<{ answer: string; error?: Error }> {
  const port = Number(new URL(server.url).port);
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    let answer = '';
    let error: Error | undefined;
    let sentMore = false;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
      if (!sentMore && answer.includes('\r\n\r\n')) {
        sentMore = true;
        socket.end(more);
      }
    });
    socket.on('error', (e) => (error = e));
    socket.on('close', () => resolve({ answer, error }));
    socket.write(first);
  });
}

describe('requests the parser refuses', () => {
  // More than the server reads at once: when it refuses the first part, the rest is still coming.
  it('a client still sending its 300 KB query string reads the 431, with no reset', async () => {
    const { answer, error } = await askInTwoParts(`GET /api?q=${'x'.repeat(300_000)}`, ' HTTP/1.1\r\n\r\n');
    assert.match(answer, /^HTTP\/1\.1 431 /);
    assert.equal(error, undefined, 'the connection was reset under the client');
  });

  it('a malformed request line gets 400, and the server answers the next client', async () => {
    const { answer, error } = await askInTwoParts('BREW /pot HTCPCP/1.0\r\n\r\n', 'more junk');
    assert.match(answer, /^HTTP\/1\.1 400 /);
    assert.equal(error, undefined);
    assert.equal((await fetch(new URL('api', server.url))).status, 200);
  });
});

/** Enough of a socket for answerClientError. */
class FakeSocket extends EventEmitter {
  writable = true;
  written: string[] = [];
  destroyed = false;
  end(text: string): void {
    this.written.push(text);
  }
  resume(): void {}
  destroy(): void {
    this.destroyed = true;
    this.emit('close');
  }
}

const overflow = Object.assign(new Error('Header overflow'), { code: 'HPE_HEADER_OVERFLOW' });

describe('answerClientError', () => {
  it('answers once, however often the parser reports the same error', () => {
    const socket = new FakeSocket();
    for (let i = 0; i < 3; i++) answerClientError(overflow, socket as unknown as Socket);
    assert.equal(socket.written.length, 1);
    assert.match(socket.written[0], /^HTTP\/1\.1 431 Request Header Fields Too Large\r\nConnection: close/);
    socket.destroy();
  });

  it('cuts off a client that goes on sending after the grace period', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const socket = new FakeSocket();
      answerClientError(overflow, socket as unknown as Socket, 5000);
      mock.timers.tick(4999);
      assert.equal(socket.destroyed, false);
      mock.timers.tick(1);
      assert.equal(socket.destroyed, true);
    } finally {
      mock.timers.reset();
    }
  });

  it('destroys a socket that cannot be written to, without an answer', () => {
    const socket = new FakeSocket();
    socket.writable = false;
    answerClientError(overflow, socket as unknown as Socket);
    assert.deepEqual(socket.written, []);
    assert.equal(socket.destroyed, true);
  });
});
