import { from, Subject, toArray, lastValueFrom } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import type { CanonicalChunk } from '../streams/canonical-chunk.js';
import { assertChunkContract } from '../../test/assert-chunk-contract.js';
import { repairToolCalls, type RepairToolCallsOptions } from './repair-tool-calls.js';
import type { ToolCallRepairInfo } from './tool-call-repair/tool-call-repair-info.js';

const finish: CanonicalChunk = { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: {} };
const toolFinish: CanonicalChunk = { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'stop' }, usage: {} };

function textChunks(deltas: readonly string[], id = 't'): CanonicalChunk[] {
  return [
    { type: 'text-start', id },
    ...deltas.map((delta): CanonicalChunk => ({ type: 'text-delta', id, delta })),
    { type: 'text-end', id },
  ];
}

function counter(): (prefix: string) => string {
  let next = 0;
  return (prefix) => `${prefix}${++next}`;
}

function run(chunks: readonly CanonicalChunk[], options: Partial<RepairToolCallsOptions> = {}): CanonicalChunk[] {
  const output: CanonicalChunk[] = [];
  from(chunks)
    .pipe(repairToolCalls({ allowedTools: ['f'], generateId: counter(), ...options }))
    .subscribe((chunk) => output.push(chunk));
  assertChunkContract(output);
  return output;
}

function toolChunks(id: string, toolName: string, input: string): CanonicalChunk[] {
  return [
    { type: 'tool-input-start', id, toolName },
    { type: 'tool-input-delta', id, delta: input },
    { type: 'tool-input-end', id },
    { type: 'tool-call', toolCallId: id, toolName, input },
  ];
}

describe('repairToolCalls', () => {
  it('should turn a JSON tool call split over deltas into tool chunks and finish with tool-calls', () => {
    const output = run([...textChunks(['Ok {"function_call": {"na', 'me": "f", "arguments": {"a": 1}}}']), finish]);
    expect(output).toEqual([
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Ok ' },
      { type: 'text-end', id: 't' },
      ...toolChunks('call_1', 'f', '{"a":1}'),
      toolFinish,
    ]);
  });

  it('should repair the SEED-SPEC §13.12 text forms', () => {
    const cases: Array<[string, string, string]> = [
      ['TOOL CALL: test_func {"arg1": "val1"}', 'test_func', '{"arg1":"val1"}'],
      ['```json\n{"tool": {"name": "test_func", "arguments": {"arg1": "val1"}}}\n```', 'test_func', '{"arg1":"val1"}'],
      [
        '<patch_file><path>src/example.py</path><patch_content>print("hello world")</patch_content></patch_file>',
        'patch_file',
        JSON.stringify({ path: 'src/example.py', patch_content: 'print("hello world")' }),
      ],
    ];
    for (const [text, toolName, input] of cases) {
      const output = run([...textChunks([...text]), finish], { allowedTools: ['test_func', 'patch_file'] });
      expect(output).toEqual([...toolChunks('call_1', toolName, input), toolFinish]);
    }
  });

  it('should pass prose, undeclared tags and calls with an empty allowed list through unchanged', () => {
    const prose = [...textChunks(['Plain {prose} with <b>tags</b>', ' and <brain_dump>x</brain_dump>']), finish];
    expect(run(prose, { allowedTools: ['execute_command'] })).toEqual(prose);
    const call = [...textChunks(['{"name": "f", "arguments": {}}']), finish];
    expect(run(call, { allowedTools: [] })).toEqual(call);
  });

  it('should continue text after a call in a new segment of the block', () => {
    const output = run([...textChunks(['A <tool_call>{"name":"f","arguments":{}}</tool_call>', ' done']), finish]);
    expect(output).toEqual([
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'A ' },
      { type: 'text-end', id: 't' },
      ...toolChunks('call_1', 'f', '{}'),
      { type: 'text-start', id: 't:1' },
      { type: 'text-delta', id: 't:1', delta: ' done' },
      { type: 'text-end', id: 't:1' },
      toolFinish,
    ]);
    // A block whose text starts with the call keeps its own id for the text after it.
    const leading = run([...textChunks(['{"name":"f","arguments":{}}', ' done']), finish]);
    expect(leading.slice(4, 7)).toEqual(textChunks([' done']));
  });

  it('should drop text after a repaired call when dropTextAfterToolCall is set', () => {
    const output = run([...textChunks(['A {"name":"f","arguments":{}}', ' trailing']), finish], { dropTextAfterToolCall: true });
    expect(output).toEqual([
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'A ' },
      { type: 'text-end', id: 't' },
      ...toolChunks('call_1', 'f', '{}'),
      toolFinish,
    ]);
  });

  it('should keep an empty upstream text block and release an unfinished candidate at its end', () => {
    expect(run([...textChunks([]), finish])).toEqual([...textChunks([]), finish]);
    const output = run([...textChunks(['x {"name": "f", "argu']), finish]);
    expect(output.filter((chunk) => chunk.type === 'text-delta').map((chunk) => (chunk.type === 'text-delta' ? chunk.delta : ''))).toEqual([
      'x ',
      '{"name": "f", "argu',
    ]);
    expect(output[output.length - 1]).toEqual(finish);
  });

  it('should release a held span over the cap as text', () => {
    const text = `{"name": "f", "arguments": {"a": "${'x'.repeat(200)}"}}`;
    const output = run([...textChunks([text]), finish], { bufferCapBytes: 100 });
    expect(output).toEqual([...textChunks([text]), finish]);
  });

  it('should report each repair through onRepair', () => {
    const reports: ToolCallRepairInfo[] = [];
    run([...textChunks(['TOOL CALL: f {}']), finish], { onRepair: (info) => reports.push(info) });
    expect(reports).toEqual([{ kind: 'text-tool-call', toolCallId: 'call_1', toolName: 'f', detector: 'directive' }]);
  });

  it('should append only the missing suffix to truncated native arguments (SEED-SPEC §13.13)', () => {
    const reports: ToolCallRepairInfo[] = [];
    const output = run(
      [
        { type: 'tool-input-start', id: 'c1', toolName: 'read' },
        { type: 'tool-input-delta', id: 'c1', delta: '{"path": ' },
        { type: 'tool-input-delta', id: 'c1', delta: '"a.py"' },
        { type: 'tool-input-end', id: 'c1' },
        { type: 'tool-call', toolCallId: 'c1', toolName: 'read', input: '{"path": "a.py"' },
        toolFinish,
      ],
      { onRepair: (info) => reports.push(info) },
    );
    expect(output).toEqual([
      { type: 'tool-input-start', id: 'c1', toolName: 'read' },
      { type: 'tool-input-delta', id: 'c1', delta: '{"path": ' },
      { type: 'tool-input-delta', id: 'c1', delta: '"a.py"' },
      { type: 'tool-input-delta', id: 'c1', delta: '}' },
      { type: 'tool-input-end', id: 'c1' },
      { type: 'tool-call', toolCallId: 'c1', toolName: 'read', input: '{"path": "a.py"}' },
      toolFinish,
    ]);
    expect(reports).toEqual([{ kind: 'completed-arguments', toolCallId: 'c1', suffix: '}' }]);
  });

  it('should leave valid, over-cap and not append-only native arguments alone', () => {
    const valid = [...toolChunks('c1', 'read', '{"path": "a.py"}'), toolFinish];
    expect(run(valid)).toEqual(valid);
    const overCap = [...toolChunks('c2', 'read', '{"path": "aaaaaaaaaaaaaaaaaaaa"'), toolFinish];
    expect(run(overCap, { bufferCapBytes: 10 })).toEqual(overCap);
    const notAppendOnly = [...toolChunks('c3', 'read', '{"path": "a.py",'), toolFinish];
    expect(run(notAppendOnly)).toEqual(notAppendOnly);
  });

  it('should complete a truncated tool-call that arrives whole', () => {
    const output = run([{ type: 'tool-call', toolCallId: 'c1', toolName: 'read', input: '{"a": [1, 2' }, toolFinish]);
    expect(output[0]).toEqual({ type: 'tool-call', toolCallId: 'c1', toolName: 'read', input: '{"a": [1, 2]}' });
  });

  it('should close a block left open by the upstream before finish', () => {
    const output = run([{ type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: 'hi <f>' }, finish]);
    expect(output).toEqual([...textChunks(['hi ', '<f>']), finish]);
  });

  it('should forward a source error and drop what it held', async () => {
    const source = new Subject<CanonicalChunk>();
    const result = lastValueFrom(source.pipe(repairToolCalls({ allowedTools: ['f'], generateId: counter() }), toArray()));
    source.next({ type: 'text-start', id: 't' });
    source.next({ type: 'text-delta', id: 't', delta: '{"name": "f"' });
    source.error(new Error('boom'));
    await expect(result).rejects.toThrow('boom');
  });
});

describe('repairToolCalls (marbles)', () => {
  const scheduler = (): TestScheduler => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

  it('should pass text on at once and hold only the candidate until it completes', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const values: Record<string, CanonicalChunk> = {
        a: { type: 'text-start', id: 't' },
        b: { type: 'text-delta', id: 't', delta: 'Ok {"name":"f",' },
        c: { type: 'text-delta', id: 't', delta: '"arguments":{}} bye' },
        d: { type: 'text-end', id: 't' },
        e: finish,
      };
      const source = cold('    -a--b--------c--------d--e|', values);
      const expected = '      ----(sx)-----(EiDICSY)d--f|';
      const subscriptions = '   ^-------------------------!';
      const [i, D, I, C] = toolChunks('call_1', 'f', '{}');
      expectObservable(source.pipe(repairToolCalls({ allowedTools: ['f'], generateId: counter() }))).toBe(expected, {
        s: { type: 'text-start', id: 't' },
        x: { type: 'text-delta', id: 't', delta: 'Ok ' },
        E: { type: 'text-end', id: 't' },
        i,
        D,
        I,
        C,
        S: { type: 'text-start', id: 't:1' },
        Y: { type: 'text-delta', id: 't:1', delta: ' bye' },
        d: { type: 'text-end', id: 't:1' },
        f: toolFinish,
      });
      expectSubscriptions(source.subscriptions).toBe(subscriptions);
    });
  });

  it('should unsubscribe from the source when the result is unsubscribed', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const values: Record<string, CanonicalChunk> = {
        a: { type: 'text-start', id: 't' },
        b: { type: 'text-delta', id: 't', delta: 'hi ' },
        c: { type: 'text-delta', id: 't', delta: '{"name":' },
        d: { type: 'text-end', id: 't' },
      };
      const source = cold('  a-b-c-d|', values);
      const unsubscribe = '  ^----!';
      const expected = '     --(sx)';
      expectObservable(source.pipe(repairToolCalls({ allowedTools: ['f'], generateId: counter() })), unsubscribe).toBe(
        expected,
        { s: values.a, x: values.b },
      );
      expectSubscriptions(source.subscriptions).toBe(unsubscribe);
    });
  });

  it('should forward a source error at once', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('  -a-#', { a: { type: 'text-start', id: 't' } as CanonicalChunk });
      expectObservable(source.pipe(repairToolCalls({ allowedTools: ['f'], generateId: counter() }))).toBe('---#');
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });
});
