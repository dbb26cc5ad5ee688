/**
 * @module ir/tool-names
 * Reversible mapping between IR tool identities (name + optional namespace + kind) and
 * the flat names an upstream accepts. Responses `namespace` tools are flattened: the
 * child's bare name when it is unique in the request, otherwise `ns__child`. Every wire
 * name matches `^[a-zA-Z0-9_-]{1,64}$` (OpenAI, Gemini, Bedrock, DeepSeek limits): longer
 * or illegal names (Claude Code MCP tools `mcp__server__tool`) are shortened with a hash
 * suffix. The same map encodes the tool list and the calls in history, and decodes calls
 * the model makes, so a round trip always gives back the client's own names.
 */
import { createHash } from 'node:crypto';
import type { IrRequest, IrTool } from './types.js';

export interface ToolIdentity {
  name: string;
  namespace?: string;
  toolKind: 'function' | 'custom';
}

const LEGAL = /^[a-zA-Z0-9_-]{1,64}$/;
const MAX = 64;

function shorten(raw: string): string {
  if (LEGAL.test(raw)) return raw;
  const cleaned = raw.replace(/[^a-zA-Z0-9_-]/g, '_') || 'tool';
  if (cleaned.length <= MAX) return cleaned;
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 8);
  return `${cleaned.slice(0, MAX - hash.length - 1)}_${hash}`;
}

function key(name: string, namespace?: string): string {
  return namespace ? `${namespace}\u0000${name}` : name;
}

export class ToolNameMap {
  readonly #toWire = new Map<string, string>();
  readonly #fromWire = new Map<string, ToolIdentity>();
  readonly #bareCount = new Map<string, number>();

  constructor(tools: readonly IrTool[]) {
    for (const t of tools) {
      if (t.kind === 'hosted') continue;
      this.#bareCount.set(t.name, (this.#bareCount.get(t.name) ?? 0) + 1);
    }
    for (const t of tools) {
      if (t.kind === 'hosted') continue;
      this.#register({ name: t.name, namespace: t.namespace, toolKind: t.kind });
    }
  }

  /** Builds the map for a request's declared tools. */
  static forRequest(req: Pick<IrRequest, 'tools'>): ToolNameMap {
    return new ToolNameMap(req.tools);
  }

  #register(id: ToolIdentity): string {
    const k = key(id.name, id.namespace);
    const existing = this.#toWire.get(k);
    if (existing) return existing;
    const unique = (this.#bareCount.get(id.name) ?? 0) <= 1;
    const base = id.namespace && !unique ? `${id.namespace}__${id.name}` : id.name;
    let wire = shorten(base);
    // Two different identities must never share a wire name.
    for (let n = 2; this.#fromWire.has(wire); n++) wire = shorten(`${base}_${n}`);
    this.#toWire.set(k, wire);
    this.#fromWire.set(wire, id);
    return wire;
  }

  /**
   * The wire name for a tool (declared or only seen in history). Undeclared tools are
   * registered on first use so their calls in history translate consistently.
   */
  wireName(name: string, namespace?: string, toolKind: 'function' | 'custom' = 'function'): string {
    return this.#toWire.get(key(name, namespace)) ?? this.#register({ name, namespace, toolKind });
  }

  /** The client identity for a wire name the model used; unknown names come back as plain functions. */
  resolve(wireName: string): ToolIdentity {
    return this.#fromWire.get(wireName) ?? { name: wireName, toolKind: 'function' };
  }

  /** Whether the model's wire name is a declared (or history) tool. */
  has(wireName: string): boolean {
    return this.#fromWire.has(wireName);
  }
}
