import { describe, expect, it } from 'vitest';
import { detectDirectiveToolCall } from './detect-directive-tool-call.js';
import { detectFencedToolCall } from './detect-fenced-tool-call.js';
import { detectJsonToolCall } from './detect-json-tool-call.js';
import { detectTaggedToolCall } from './detect-tagged-tool-call.js';

describe('detectJsonToolCall', () => {
  it('should read {"function_call":{name,arguments}} and serialise dict arguments compactly', () => {
    const text = '{"function_call": {"name": "test_func", "arguments": {"arg1": "val1"}}}';
    expect(detectJsonToolCall(text, ['test_func'])).toEqual({
      toolName: 'test_func',
      input: '{"arg1":"val1"}',
      detector: 'json',
    });
  });

  it('should read {"tool":{…}} and a bare {name,arguments}', () => {
    expect(detectJsonToolCall('{"tool": {"name": "f", "arguments": {"x": 1}}}', ['f'])?.input).toBe('{"x":1}');
    expect(detectJsonToolCall('{"name": "f", "arguments": {}}', ['f'])?.toolName).toBe('f');
  });

  it('should keep string arguments that hold a JSON object as they are', () => {
    expect(detectJsonToolCall('{"name": "f", "arguments": "{\\"a\\": 1}"}', ['f'])?.input).toBe('{"a": 1}');
  });

  it('should refuse undeclared names, missing arguments, non-object arguments and invalid JSON', () => {
    expect(detectJsonToolCall('{"name": "g", "arguments": {}}', ['f'])).toBeUndefined();
    expect(detectJsonToolCall('{"name": "f"}', ['f'])).toBeUndefined();
    expect(detectJsonToolCall('{"name": "f", "arguments": 3}', ['f'])).toBeUndefined();
    expect(detectJsonToolCall('{"name": "f", "arguments": "not json"}', ['f'])).toBeUndefined();
    expect(detectJsonToolCall('{"name": "f", "arguments": {}', ['f'])).toBeUndefined();
    expect(detectJsonToolCall('{"name": "f", "arguments": {}}', [])).toBeUndefined();
  });
});

describe('detectFencedToolCall', () => {
  it('should read a ```json fence holding a {"tool":{…}} object', () => {
    const text = '```json\n{"tool": {"name": "test_func", "arguments": {"arg1": "val1"}}}\n```';
    expect(detectFencedToolCall(text, ['test_func'])).toEqual({
      toolName: 'test_func',
      input: '{"arg1":"val1"}',
      detector: 'fenced-json',
    });
  });

  it('should read a plain ``` fence', () => {
    expect(detectFencedToolCall('```\n  {"name": "f", "arguments": {}}  \n```', ['f'])?.input).toBe('{}');
  });

  it('should refuse other languages and bodies with more than the object', () => {
    expect(detectFencedToolCall('```python\n{"name": "f", "arguments": {}}\n```', ['f'])).toBeUndefined();
    expect(detectFencedToolCall('```json\n{"name": "f", "arguments": {}}\nmore\n```', ['f'])).toBeUndefined();
  });
});

describe('detectTaggedToolCall', () => {
  it('should read XML tool tags for a declared tool (SEED-SPEC §13.12)', () => {
    const text = '<patch_file><path>src/example.py</path><patch_content>print("hello world")</patch_content></patch_file>';
    expect(detectTaggedToolCall(text, ['patch_file'])).toEqual({
      toolName: 'patch_file',
      input: JSON.stringify({ path: 'src/example.py', patch_content: 'print("hello world")' }),
      detector: 'xml-tags',
    });
  });

  it('should drop one layout line break around values and ignore whitespace between arguments', () => {
    const text = '<write_file>\n<path>a.py</path>\n<content>\nx = 1\n</content>\n</write_file>';
    expect(JSON.parse(detectTaggedToolCall(text, ['write_file'])?.input ?? '')).toEqual({ path: 'a.py', content: 'x = 1' });
  });

  it('should read a Hermes/Qwen <tool_call> tag', () => {
    const text = '<tool_call>\n{"name": "f", "arguments": {"q": "x"}}\n</tool_call>';
    expect(detectTaggedToolCall(text, ['f'])).toEqual({ toolName: 'f', input: '{"q":"x"}', detector: 'tool-call-tag' });
  });

  it('should refuse undeclared tags such as <brain_dump>, and bodies that are not argument tags', () => {
    expect(detectTaggedToolCall('<brain_dump><x>1</x></brain_dump>', ['execute_command'])).toBeUndefined();
    expect(detectTaggedToolCall('<execute_command>ls</execute_command>', ['execute_command'])).toBeUndefined();
    expect(detectTaggedToolCall('<tool_call>{"name": "g", "arguments": {}}</tool_call>', ['f'])).toBeUndefined();
  });
});

describe('detectDirectiveToolCall', () => {
  it('should read TOOL CALL: name {json} (SEED-SPEC §13.12)', () => {
    expect(detectDirectiveToolCall('TOOL CALL: test_func {"arg1": "val1"}', ['test_func'])).toEqual({
      toolName: 'test_func',
      input: '{"arg1":"val1"}',
      detector: 'directive',
    });
  });

  it('should match the keyword case-insensitively and wrap a non-JSON rest as args', () => {
    expect(detectDirectiveToolCall('function CALL: run ls -la', ['run'])?.input).toBe('{"args":"ls -la"}');
    expect(detectDirectiveToolCall('Tool call: run {not json}', ['run'])?.input).toBe('{"args":"{not json}"}');
    expect(detectDirectiveToolCall('TOOL CALL: run', ['run'])?.input).toBe('{}');
  });

  it('should refuse undeclared names and other keywords', () => {
    expect(detectDirectiveToolCall('TOOL CALL: other {}', ['run'])).toBeUndefined();
    expect(detectDirectiveToolCall('Call: run {}', ['run'])).toBeUndefined();
  });
});
