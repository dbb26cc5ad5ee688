/**
 * @module observability/metrics-registry
 * The one prom-client registry every Lynkr metric registers on, served by `GET /metrics`.
 * Modules define their own metrics against it (`registers: [metricsRegistry]`).
 */
import { Registry } from 'prom-client';

export const metricsRegistry = new Registry();
