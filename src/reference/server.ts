/**
 * The reference system as an HTTP JSON service (node:http, loopback by default), so HTTP targets, load tests and
 * the e2e tests have a real endpoint to hit:
 *
 *   POST /score     { "message": "<raw RFC 822>", "context": { accountId, accountAgeDays, timestamp, sourceIp } }
 *                   → { score, decision, decidedBy, layer, threshold, reviewLow, templateHash, modelVersion }
 *   POST /feedback  { "message": "<raw>", "claimed": "spam" | "not-spam", "context": { accountId, accountAgeDays,
 *                   timestamp }, "sender": "<account id of the reported message's sender>" } → { accepted, reason? }
 *   GET  /health    → { status: "ok", model, modelVersion, variant, hardening }
 *
 * Client mistakes get a 4xx with a JSON `{ error }` that says what to fix.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InputContext } from '../contracts/target.js';
import { describeHardening } from './hardening.js';
import { createReferenceSystem, type ReferenceSystem, type ReferenceSystemOptions } from './system.js';

export interface ReferenceServerOptions extends ReferenceSystemOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Largest request body accepted (bytes). */
  maxBodyBytes?: number;
  /** Use this system instead of creating one. */
  system?: ReferenceSystem;
  /**
   * Time allowed for a request's headers, and for its whole body (ms). A client that trickles bytes (one every
   * second or so) would otherwise hold a connection open for ever. Defaults: 10 s for headers, 30 s per request.
   */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
}

export interface RunningReferenceServer {
  url: string;
  host: string;
  port: number;
  system: ReferenceSystem;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 10 * 1024 * 1024;
const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startReferenceServer(options: ReferenceServerOptions = {}): Promise<RunningReferenceServer> {
  const system = options.system ?? (await createReferenceSystem(options));
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const headersTimeout = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  const requestTimeout = Math.max(options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, headersTimeout);
  // Node checks both deadlines only every `connectionsCheckingInterval` (30 s by default): check at a tenth of the
  // shorter one, so a trickling client is cut off close to its deadline.
  const checkEvery = Math.max(50, Math.min(headersTimeout, requestTimeout) / 10);
  const server = createServer(
    { headersTimeout, requestTimeout, connectionsCheckingInterval: checkEvery },
    (req, res) => {
      handle(system, req, res, maxBody, requestTimeout).catch((e: unknown) => {
        const status = e instanceof HttpError ? e.status : 500;
        const message = e instanceof HttpError ? e.message : `internal error: ${(e as Error)?.message ?? String(e)}`;
        sendJson(res, status, { error: message });
      });
    },
  );
  const host = options.host ?? '127.0.0.1';
  await listen(server, options.port ?? 0, host);
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    host,
    port,
    system,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

async function handle(
  system: ReferenceSystem,
  req: IncomingMessage,
  res: ServerResponse,
  maxBody: number,
  bodyTimeout: number,
): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/health') {
    if (req.method !== 'GET') throw new HttpError(405, 'use GET /health');
    sendJson(res, 200, {
      status: 'ok',
      model: system.modelKind,
      modelVersion: system.model.version,
      variant: system.variant,
      hardening: describeHardening(system.hardening),
    });
    return;
  }
  if (path === '/score') {
    if (req.method !== 'POST')
      throw new HttpError(405, 'use POST /score with a JSON body {"message": "<raw RFC 822>", "context": {...}}');
    const body = await readJsonBody(req, res, maxBody, bodyTimeout);
    const message = requireMessage(body);
    const context = parseContext(body.context);
    const out = await system.process({ raw: message, context });
    sendJson(res, 200, {
      score: out.score,
      decision: out.decision,
      decidedBy: out.decidedBy,
      layer: out.layer,
      threshold: out.threshold,
      reviewLow: out.reviewLow,
      templateHash: out.templateHash,
      modelVersion: out.modelVersion,
    });
    return;
  }
  if (path === '/feedback') {
    if (req.method !== 'POST')
      throw new HttpError(405, 'use POST /feedback with a JSON body {"message", "claimed", "context"}');
    const body = await readJsonBody(req, res, maxBody, bodyTimeout);
    const message = requireMessage(body);
    const claimed = body.claimed;
    if (claimed !== 'spam' && claimed !== 'not-spam' && claimed !== 'ham') {
      throw new HttpError(400, '"claimed" must be "spam" or "not-spam"');
    }
    const context = parseContext(body.context);
    if (body.sender !== undefined && typeof body.sender !== 'string')
      throw new HttpError(400, '"sender" must be a string account id');
    const verdict = await system.feedback({
      raw: message,
      claimed: claimed === 'spam' ? 'spam' : 'ham',
      reporter: context.accountId ?? 'anonymous-reporter',
      ...(context.accountAgeDays !== undefined && { reporterAgeDays: context.accountAgeDays }),
      ...(context.timestamp !== undefined && { at: context.timestamp }),
      ...(typeof body.sender === 'string' && { sender: body.sender }),
    });
    sendJson(res, 200, verdict);
    return;
  }
  throw new HttpError(404, `no route ${req.method} ${path} (try POST /score, POST /feedback, GET /health)`);
}

/**
 * The body, read within `timeoutMs` from the handler's start: node's requestTimeout also bounds it, but only as
 * often as it checks its connections; this deadline answers 408 and closes the connection on time.
 */
async function readJsonBody(
  req: IncomingMessage,
  res: ServerResponse,
  maxBody: number,
  timeoutMs: number,
): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  const timer = setTimeout(() => {
    res.shouldKeepAlive = false;
    sendJson(res, 408, { error: `request body not received within ${timeoutMs} ms` });
    res.once('finish', () => req.socket.destroy());
    req.destroy(new HttpError(408, 'body timeout'));
  }, timeoutMs);
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxBody) throw new HttpError(413, `request body larger than ${maxBody} bytes`);
      chunks.push(chunk as Buffer);
    }
  } finally {
    clearTimeout(timer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new HttpError(400, `body is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new HttpError(400, 'body must be a JSON object');
  return parsed as Record<string, unknown>;
}

function requireMessage(body: Record<string, unknown>): string {
  if (typeof body.message !== 'string' || body.message.length === 0) {
    throw new HttpError(400, '"message" must be a non-empty string holding the raw RFC 822 message');
  }
  return body.message;
}

interface ParsedContext extends InputContext {
  accountId?: string;
  accountAgeDays?: number;
  timestamp?: number;
  sourceIp?: string;
}

function parseContext(value: unknown): ParsedContext {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new HttpError(400, '"context" must be an object');
  const c = value as Record<string, unknown>;
  const out: ParsedContext = {};
  if (c.accountId !== undefined) {
    if (typeof c.accountId !== 'string' || !c.accountId)
      throw new HttpError(400, '"context.accountId" must be a non-empty string');
    out.accountId = c.accountId;
  }
  if (c.accountAgeDays !== undefined) {
    if (typeof c.accountAgeDays !== 'number' || !(c.accountAgeDays >= 0)) {
      throw new HttpError(400, '"context.accountAgeDays" must be a number ≥ 0');
    }
    out.accountAgeDays = c.accountAgeDays;
  }
  if (c.timestamp !== undefined) {
    const t = typeof c.timestamp === 'string' ? Date.parse(c.timestamp) : c.timestamp;
    if (typeof t !== 'number' || !Number.isFinite(t)) {
      throw new HttpError(400, '"context.timestamp" must be Unix milliseconds or an ISO-8601 string');
    }
    out.timestamp = t;
  }
  if (c.sourceIp !== undefined) {
    if (typeof c.sourceIp !== 'string') throw new HttpError(400, '"context.sourceIp" must be a string');
    out.sourceIp = c.sourceIp;
  }
  return out;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
