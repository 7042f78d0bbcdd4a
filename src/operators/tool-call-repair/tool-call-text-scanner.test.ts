import { describe, expect, it } from 'vitest';
import type { ScanEvent } from './detected-tool-call.js';
import { findToolCalls } from './find-tool-calls.js';
import { ToolCallTextScanner } from './tool-call-text-scanner.js';

const call = (toolName: string, input: string, detector: string): ScanEvent =>
  ({ kind: 'call', call: { toolName, input, detector } }) as ScanEvent;

describe('findToolCalls', () => {
  it('should find the SEED-SPEC §13.12 cases', () => {
    expect(findToolCalls('{"function_call": {"name": "test_func", "arguments": {"arg1": "val1"}}}', ['test_func'])).toEqual([
      call('test_func', '{"arg1":"val1"}', 'json'),
    ]);
    expect(findToolCalls('TOOL CALL: test_func {"arg1": "val1"}', ['test_func'])).toEqual([
      call('test_func', '{"arg1":"val1"}', 'directive'),
    ]);
    expect(
      findToolCalls('Here:\n```json\n{"tool": {"name": "test_func", "arguments": {"arg1": "val1"}}}\n```', ['test_func']),
    ).toEqual([{ kind: 'text', text: 'Here:\n' }, call('test_func', '{"arg1":"val1"}', 'fenced-json')]);
    const xml = '<patch_file><path>src/example.py</path><patch_content>print("hello world")</patch_content></patch_file>';
    expect(findToolCalls(xml, ['patch_file'])).toEqual([
      call('patch_file', '{"path":"src/example.py","patch_content":"print(\\"hello world\\")"}', 'xml-tags'),
    ]);
  });

  it('should find nothing with an empty allowed list, in <brain_dump>, or in prose', () => {
    const json = '{"function_call": {"name": "test_func", "arguments": {}}}';
    expect(findToolCalls(json, [])).toEqual([{ kind: 'text', text: json }]);
    const dump = '<brain_dump><command>rm -rf /</command></brain_dump>';
    expect(findToolCalls(dump, ['execute_command'])).toEqual([{ kind: 'text', text: dump }]);
    const prose = 'To call a tool, write {braces} or use <b>tags</b>. Tool calls are fun.\nFunction calls too.';
    expect(findToolCalls(prose, ['execute_command'])).toEqual([{ kind: 'text', text: prose }]);
  });

  it('should keep the text around a call and after it', () => {
    expect(findToolCalls('Let me look. <tool_call>{"name": "f", "arguments": {"a": 1}}</tool_call> Done.', ['f'])).toEqual([
      { kind: 'text', text: 'Let me look. ' },
      call('f', '{"a":1}', 'tool-call-tag'),
      { kind: 'text', text: ' Done.' },
    ]);
  });

  it('should take a directive only at the start of a line and end a text rest at the line end', () => {
    expect(findToolCalls('I said TOOL CALL: f {"a": 1}', ['f'])).toEqual([{ kind: 'text', text: 'I said TOOL CALL: f {"a": 1}' }]);
    expect(findToolCalls('ok\n  Function call: run ls -la\nbye', ['run'])).toEqual([
      { kind: 'text', text: 'ok\n  ' },
      call('run', '{"args":"ls -la"}', 'directive'),
      { kind: 'text', text: '\nbye' },
    ]);
  });

  it('should leave code fences of other languages opaque', () => {
    const text = '```python\nx = {"name": "f", "arguments": {}}\n```\nafter {"name": "f", "arguments": {}}';
    expect(findToolCalls(text, ['f'])).toEqual([
      { kind: 'text', text: '```python\nx = {"name": "f", "arguments": {}}\n```\nafter ' },
      call('f', '{}', 'json'),
    ]);
  });

  it('should leave unrelated JSON and undeclared calls unchanged', () => {
    const text = 'data {"name": "g", "arguments": {}} and {"id": 1, "name": "f"}';
    expect(findToolCalls(text, ['f'])).toEqual([{ kind: 'text', text }]);
  });

  it('should release a candidate that grows over the cap as text', () => {
    const text = `{"name": "f", "arguments": {"a": "${'x'.repeat(100)}"}}`;
    expect(findToolCalls(text, ['f'], 64)).toEqual([{ kind: 'text', text }]);
    expect(findToolCalls(text, ['f'], 1000)).toEqual([call('f', JSON.stringify({ a: 'x'.repeat(100) }), 'json')]);
  });
});

describe('ToolCallTextScanner', () => {
  it('should hand plain text on at once and hold only the candidate span', () => {
    const scanner = new ToolCallTextScanner(['f'], 65_536);
    expect(scanner.push('Sure. {"name": "f", "argu')).toEqual([{ kind: 'text', text: 'Sure. ' }]);
    expect(scanner.push('ments": {}} Done')).toEqual([call('f', '{}', 'json'), { kind: 'text', text: ' Done' }]);
    expect(scanner.end()).toEqual([]);
  });

  it('should release an unfinished candidate unchanged at the end of the block', () => {
    const scanner = new ToolCallTextScanner(['f'], 65_536);
    expect(scanner.push('a <f><x>1</x>')).toEqual([{ kind: 'text', text: 'a ' }]);
    expect(scanner.end()).toEqual([{ kind: 'text', text: '<f><x>1</x>' }]);
  });

  it('should settle a directive with a text rest at the end of the block', () => {
    const scanner = new ToolCallTextScanner(['run'], 65_536);
    expect(scanner.push('TOOL CALL: run echo hi')).toEqual([]);
    expect(scanner.end()).toEqual([call('run', '{"args":"echo hi"}', 'directive')]);
  });
});
