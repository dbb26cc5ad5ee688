/**
 * @module pipeline/tool-call-repair/tool-catalog
 * The tools a request declared, looked up by the name a model wrote in a text tool call,
 * and the check that turns a parsed candidate into a real call: the name must be a
 * declared tool and the arguments must satisfy its schema (wire-contract §6.1 for how
 * namespaced and custom tools travel upstream).
 *
 * Models write the wire name Lynkr showed them (a namespace child's bare or `ns__child`
 * name, a shortened MCP name); `ToolNameMap.resolve` turns it back into the client's
 * identity. A custom (free-form) tool went upstream as a function taking `{input}`: its
 * call carries the raw input text, as `restore-tool-calls.ts` does for structured calls.
 */
import type { ToolNameMap } from '../../ir/tool-names.js';
import type { IrCustomTool, IrFunctionTool, IrRequest } from '../../ir/types.js';
import { parseLooseJson, type TextToolCall } from './parse-text-tool-calls.js';
import { validateArguments } from './validate-arguments.js';

/** A call ready to become IR tool-call events, in the client's identity. */
export interface ResolvedCall {
  name: string;
  namespace?: string;
  toolKind: 'function' | 'custom';
  /** JSON arguments (function) or raw input (custom). */
  arguments: string;
}

interface Entry {
  tool: IrFunctionTool | IrCustomTool;
  wire: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export class ToolCatalog {
  readonly #byName = new Map<string, Entry>();
  readonly #toolNames: ToolNameMap;

  /** The request's callable tools (hosted tools cannot be called by text). */
  constructor(req: Pick<IrRequest, 'tools'>, toolNames: ToolNameMap) {
    this.#toolNames = toolNames;
    const declared = req.tools.filter((t): t is IrFunctionTool | IrCustomTool => t.kind !== 'hosted');
    const bare = new Map<string, number>();
    for (const t of declared) bare.set(t.name, (bare.get(t.name) ?? 0) + 1);
    // Aliases first, so the exact wire name always wins.
    for (const tool of declared) {
      const wire = toolNames.wireName(tool.name, tool.namespace, tool.kind);
      const entry = { tool, wire };
      if (tool.namespace) {
        this.#alias(`${tool.namespace}.${tool.name}`, entry);
        this.#alias(`${tool.namespace}__${tool.name}`, entry);
      }
      if (bare.get(tool.name) === 1) this.#alias(tool.name, entry);
    }
    for (const tool of declared) {
      const wire = toolNames.wireName(tool.name, tool.namespace, tool.kind);
      this.#byName.set(wire, { tool, wire });
    }
  }

  #alias(name: string, entry: Entry): void {
    if (!this.#byName.has(name)) this.#byName.set(name, entry);
  }

  get size(): number {
    return this.#byName.size;
  }

  /** The call in the client's identity, or undefined when the name is unknown or the arguments do not fit. */
  resolve(call: TextToolCall): ResolvedCall | undefined {
    const entry = this.#byName.get(call.name) ?? this.#byName.get(call.name.replace(/^functions\./, ''));
    if (!entry) return undefined;
    const id = this.#toolNames.resolve(entry.wire);
    const args = entry.tool.kind === 'custom' ? customInput(call.args) : functionArguments(call, entry.tool);
    if (args === undefined) return undefined;
    const out: ResolvedCall = { name: id.name, toolKind: id.toolKind, arguments: args };
    if (id.namespace) out.namespace = id.namespace;
    return out;
  }
}

/** A function call's arguments as validated JSON text. */
function functionArguments(call: TextToolCall, tool: IrFunctionTool): string | undefined {
  let args: unknown = call.args ?? {};
  if (typeof args === 'string') args = args.trim() === '' ? {} : parseLooseJson(args);
  if (!isObject(args)) return undefined;
  if (call.xmlParams) args = typeXmlParameters(args, tool.parameters);
  const value = args as Json;
  return validateArguments(tool.parameters, value) ? JSON.stringify(value) : undefined;
}

/** A custom tool's raw input: the string itself, or `{"input": "…"}` as the upstream function saw it. */
function customInput(args: unknown): string | undefined {
  if (typeof args === 'string') return args;
  if (isObject(args) && typeof args.input === 'string') return args.input;
  return undefined;
}

/**
 * `<parameter=k>v</parameter>` values are text. A property the schema types as a string
 * keeps it; others get JSON (`[1,2]`, `{"a":1}`, `true`) when the text is JSON, and Ajv
 * coerces the remaining scalars.
 */
function typeXmlParameters(params: Json, schema: Json): Json {
  const props = isObject(schema.properties) ? schema.properties : {};
  const out: Json = {};
  for (const [key, value] of Object.entries(params)) {
    const prop = props[key];
    const type = isObject(prop) ? prop.type : undefined;
    const types = Array.isArray(type) ? type : [type];
    if (typeof value !== 'string' || types.includes('string')) {
      out[key] = value;
      continue;
    }
    try {
      out[key] = JSON.parse(value.trim());
    } catch {
      out[key] = value;
    }
  }
  return out;
}
