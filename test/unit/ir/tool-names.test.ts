import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ToolNameMap } from '../../../src/ir/tool-names.js';
import type { IrTool } from '../../../src/ir/types.js';

const fn = (name: string, namespace?: string): IrTool => ({ kind: 'function', name, namespace, parameters: { type: 'object' } });

test('namespaced children keep their bare name when unique and map back with the namespace', () => {
  const map = new ToolNameMap([fn('exec_command'), fn('close_agent', 'multi_agent_v1')]);
  assert.equal(map.wireName('close_agent', 'multi_agent_v1'), 'close_agent');
  assert.deepEqual(map.resolve('close_agent'), { name: 'close_agent', namespace: 'multi_agent_v1', toolKind: 'function' });
  assert.deepEqual(map.resolve('exec_command'), { name: 'exec_command', namespace: undefined, toolKind: 'function' });
});

test('a child name used twice is qualified with its namespace', () => {
  const map = new ToolNameMap([fn('search', 'github'), fn('search', 'jira')]);
  assert.equal(map.wireName('search', 'github'), 'github__search');
  assert.equal(map.wireName('search', 'jira'), 'jira__search');
  assert.equal(map.resolve('jira__search').namespace, 'jira');
});

test('over-long and illegal names are shortened to 64 legal characters and reversed', () => {
  const long = 'mcp__some_really_long_server_name__and_an_even_longer_tool_name_here_xyz';
  const map = new ToolNameMap([fn(long), fn('has.dots and spaces')]);
  const wire = map.wireName(long);
  assert.match(wire, /^[a-zA-Z0-9_-]{1,64}$/);
  assert.equal(map.resolve(wire).name, long);
  const dotted = map.wireName('has.dots and spaces');
  assert.match(dotted, /^[a-zA-Z0-9_-]{1,64}$/);
  assert.equal(map.resolve(dotted).name, 'has.dots and spaces');
});

test('tools only seen in history get a stable wire name; custom kind survives the round trip', () => {
  const map = new ToolNameMap([{ kind: 'custom', name: 'apply_patch' }]);
  assert.equal(map.resolve('apply_patch').toolKind, 'custom');
  const first = map.wireName('old_tool', 'ns');
  assert.equal(map.wireName('old_tool', 'ns'), first);
  assert.equal(map.resolve(first).namespace, 'ns');
  assert.deepEqual(map.resolve('never_declared'), { name: 'never_declared', toolKind: 'function' });
});
