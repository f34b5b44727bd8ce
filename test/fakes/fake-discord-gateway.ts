import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

/** What the fake gateway says about the bot and its one guild. */
export interface GatewayIdentity {
  /** READY's `d` (user, application, guilds…). */
  ready: Record<string, unknown>;
  /** One GUILD_CREATE `d` per guild READY lists as unavailable. */
  guilds: Record<string, unknown>[];
}

/**
 * A fake Discord gateway on 127.0.0.1 (port 0), the ~25 lines discord.js needs: HELLO on
 * connect, ACK per heartbeat, READY then GUILD_CREATE per guild after IDENTIFY (else
 * ClientReady waits 15 s for unavailable guilds), then whatever dispatches a test pushes.
 */
export class FakeDiscordGateway {
  /** Every IDENTIFY payload received (token, intents…). */
  readonly identifies: Record<string, any>[] = [];
  private server?: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private sequence = 0;

  constructor(private readonly identity: GatewayIdentity) {}

  /** Start listening; resolves with the ws:// URL to hand out from GET /gateway/bot. */
  async start(): Promise<string> {
    const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    this.server = server;
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    server.on("connection", (socket) => this.accept(socket));
    return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Whether a client finished IDENTIFY and holds an open session. */
  get connected(): boolean {
    return this.sockets.size > 0 && this.identifies.length > 0;
  }

  /** Send a dispatch (`op 0`) such as INTERACTION_CREATE to every connected client. */
  dispatch(type: string, data: unknown): void {
    const frame = JSON.stringify({ op: 0, t: type, s: ++this.sequence, d: data });
    for (const socket of this.sockets) socket.send(frame);
  }

  /** Drop every connection and stop listening. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.sockets.clear();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    // A long interval: tests never wait for heartbeats, and the client still starts its timer.
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    socket.on("message", (raw) => this.receive(socket, JSON.parse(String(raw)) as { op: number; d: any }));
  }

  private receive(socket: WebSocket, frame: { op: number; d: any }): void {
    if (frame.op === 1) {
      socket.send(JSON.stringify({ op: 11 }));
      return;
    }
    if (frame.op !== 2) return;
    this.identifies.push(frame.d);
    const send = (t: string, d: unknown) => socket.send(JSON.stringify({ op: 0, t, s: ++this.sequence, d }));
    send("READY", this.identity.ready);
    for (const guild of this.identity.guilds) send("GUILD_CREATE", guild);
  }
}
