import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Reply, Request } from './protocol.js';

type AdapterChild = ChildProcessByStdio<Writable, Readable, null>;

interface Pending {
  id: number;
  resolve: (reply: Reply) => void;
  timer: NodeJS.Timeout;
}

/**
 * An adapter child process spoken to over JSON lines, one request at a time. A request that gets no
 * answer within the timeout fails and the process group is killed; the next request starts a fresh
 * process, so one hung vector cannot stall the run.
 */
export class AdapterProcess {
  private child: AdapterChild | undefined;
  private pending: Pending | undefined;
  private nextId = 1;
  private answered = false;
  /**
   * Set when the adapter cannot run at all: the command cannot be started (e.g. not found), or it
   * exited before its first answer. Either way no vector can pass, so the run should stop.
   */
  failedToStart: string | undefined;

  constructor(
    private readonly command: readonly string[],
    private readonly timeoutMs: number,
  ) {}

  private start(): AdapterChild {
    // Its own process group, so that a timeout also ends whatever the adapter started (npx, shells).
    const child = spawn(this.command[0]!, this.command.slice(1), { stdio: ['pipe', 'pipe', 'inherit'], detached: true });
    // Events of a process that was already replaced must not settle the next request.
    child.on('error', (e) => {
      if (this.child !== child) return;
      this.child = undefined;
      this.failedToStart = `cannot start ${this.command.join(' ')}: ${e.message}`;
      this.settle({ failure: `the adapter could not be started: ${e.message}` });
    });
    child.stdin.on('error', () => undefined); // EPIPE when it exits early; reported by 'exit'
    child.on('exit', (code, signal) => {
      if (this.child !== child) return;
      this.child = undefined;
      const how = signal ?? `code ${code}`;
      if (!this.answered) this.failedToStart = `${this.command.join(' ')} exited (${how}) before its first answer: run it alone to see why`;
      this.settle({ failure: `the adapter exited (${how}) before answering` });
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (this.child === child) this.onLine(line);
    });
    this.child = child;
    return child;
  }

  private onLine(line: string): void {
    if (line.trim() === '' || !this.pending) return;
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      this.settle({ failure: `the adapter wrote a line that is not JSON: ${line.slice(0, 80)}` });
      return;
    }
    const { id, ...answer } = (message ?? {}) as { id?: unknown };
    if (id !== this.pending.id) return; // a late answer to a request that already timed out
    this.answered = true;
    this.settle(answer as Reply);
  }

  private settle(reply: Reply): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    clearTimeout(p.timer);
    p.resolve(reply);
  }

  /** Sends one request and resolves with the answer or the reason there was none; never rejects. */
  request(request: Request): Promise<Reply> {
    const child = this.child ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.kill();
        this.settle({ failure: `no answer within ${this.timeoutMs} ms` });
      }, this.timeoutMs);
      this.pending = { id, resolve, timer };
      child.stdin.write(`${JSON.stringify({ id, ...request })}\n`);
    });
  }

  private kill(): void {
    const child = this.child;
    this.child = undefined;
    if (child?.pid === undefined || child.exitCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }

  /** Closes stdin so the adapter can exit by itself, and kills it if it has not within a second. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.stdin.end();
    const timer = setTimeout(() => this.kill(), 1000);
    await exited;
    clearTimeout(timer);
  }
}
