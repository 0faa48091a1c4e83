import {
  type BeforeApplicationShutdown,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** `starting`: opening the database and migrating; `ready`: serving; `draining`: shutdown requested. */
export type LifecyclePhase = 'starting' | 'ready' | 'draining';

/** Paths still answered while draining (probes must see the readiness change, not a generic 503). */
const PROBE_PATH = /^\/health(\/|$)/;

/**
 * The process's phase, and the work a shutdown must wait for. The shutdown order, on SIGTERM/SIGINT
 * (`enableShutdownHooks`) or `app.close()`:
 *
 * 1. `onModuleDestroy` (Nest's first hook): phase `draining`. Readiness answers 503; new requests other than the
 *    health probes get 503 with `Connection: close`; schedules start no new job ({@link job}).
 * 2. `beforeApplicationShutdown`: waits until no request and no job is in flight (at most SHUTDOWN_TIMEOUT_SECONDS,
 *    then closes the remaining connections).
 * 3. Nest closes the HTTP server (dispose).
 * 4. `onApplicationShutdown`: the database and the mail transport close (PrismaService, DeliveryWorker): nothing uses
 *    them any more.
 */
@Injectable()
export class Lifecycle implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger(Lifecycle.name);
  private current: LifecyclePhase = 'starting';
  private inFlight = 0;
  private readonly jobs = new Set<Promise<unknown>>();
  private idleWaiters: (() => void)[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  get phase(): LifecyclePhase {
    return this.current;
  }

  /** Requests being served now (the health probes included). */
  get requestsInFlight(): number {
    return this.inFlight;
  }

  /**
   * Express middleware counting requests in flight until their response is finished or the connection closed; while
   * draining it answers new requests (except /health…) 503 `{ statusCode, error, message }` with `Connection: close`.
   */
  requestTracker(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      if (this.current === 'draining' && !PROBE_PATH.test(req.path)) {
        res.setHeader('Connection', 'close');
        res.status(503).json({ statusCode: 503, error: 'Service Unavailable', message: 'The server is shutting down' });
        return;
      }
      this.inFlight++;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        this.inFlight--;
        this.notifyIfIdle();
      };
      res.on('finish', finish);
      res.on('close', finish);
      next();
    };
  }

  /**
   * Runs a scheduled job unless draining, tracked so that shutdown waits for it.
   * @returns its result, or undefined when it was not started because the process is shutting down.
   */
  async job<T>(run: () => Promise<T>): Promise<T | undefined> {
    if (this.current === 'draining') return undefined;
    const work = run();
    this.track(work);
    return work;
  }

  /** Tracks work that shutdown must wait for (e.g. an outbox drain started by a request); its errors stay the caller's. */
  track(work: Promise<unknown>): void {
    this.jobs.add(work);
    const forget = () => {
      this.jobs.delete(work);
      this.notifyIfIdle();
    };
    work.then(forget, forget);
  }

  onApplicationBootstrap(): void {
    this.current = 'ready';
  }

  onModuleDestroy(): void {
    if (this.current !== 'draining') this.logger.log('shutting down: draining requests and jobs');
    this.current = 'draining';
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.current = 'draining';
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.config.shutdownTimeoutMs);
    });
    const outcome = await Promise.race([this.idle().then(() => 'idle' as const), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.logger.warn(
        `shutdown: ${this.inFlight} request(s) and ${this.jobs.size} job(s) still running after ${this.config.shutdownTimeoutMs} ms; closing their connections`,
      );
      const server = this.adapterHost.httpAdapter?.getHttpServer() as { closeAllConnections?: () => void } | undefined;
      server?.closeAllConnections?.();
    }
  }

  /** Resolves once no request and no job is in flight. */
  private idle(): Promise<void> {
    if (this.inFlight === 0 && this.jobs.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private notifyIfIdle(): void {
    if (this.inFlight !== 0 || this.jobs.size !== 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** Provides {@link Lifecycle} everywhere. */
@Global()
@Module({ providers: [Lifecycle], exports: [Lifecycle] })
export class LifecycleModule {}
