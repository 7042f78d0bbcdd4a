import { BracketScanner } from './bracket-scanner.js';
import type { CandidateScanner, ScanStep } from './candidate-scanner.js';
import { directiveKeywords, endsDirectiveName } from './detect-directive-tool-call.js';

type DirectivePhase = 'keyword' | 'gap' | 'name' | 'rest-gap' | 'line' | 'json';

/**
 * Delimits `TOOL CALL: name …` / `Function call: name …` at the start of a line: JSON arguments
 * end at their balanced closing bracket, any other rest at the end of the line (or of the block).
 * The keyword and the name are checked as they arrive, so prose is released at once.
 */
export class DirectiveScanner implements CandidateScanner {
  readonly kind = 'directive';
  private phase: DirectivePhase = 'keyword';
  private typed = '';
  private name = '';
  private json: BracketScanner | undefined;

  constructor(private readonly allowedTools: readonly string[]) {}

  push(char: string): ScanStep {
    switch (this.phase) {
      case 'keyword':
        this.typed += char.toLowerCase();
        if (!directiveKeywords.some((keyword) => keyword.startsWith(this.typed))) return 'reject';
        if (directiveKeywords.includes(this.typed)) this.phase = 'gap';
        return 'more';
      case 'gap':
        if (char === ' ' || char === '\t') return 'more';
        if (endsDirectiveName(char)) return 'reject';
        this.phase = 'name';
        return this.pushName(char);
      case 'name':
        return this.pushName(char);
      case 'rest-gap':
        if (char === ' ' || char === '\t' || char === '\r') return 'more';
        return this.pushRest(char);
      case 'line':
        return char === '\n' ? 'complete-before' : 'more';
      case 'json':
        return this.json?.push(char) === 'complete' ? 'complete' : 'more';
    }
  }

  end(): 'complete' | 'reject' {
    if (this.phase === 'rest-gap' || this.phase === 'line') return 'complete';
    return this.phase === 'name' && this.allowedTools.includes(this.name) ? 'complete' : 'reject';
  }

  private pushName(char: string): ScanStep {
    if (!endsDirectiveName(char)) {
      this.name += char;
      return this.allowedTools.some((tool) => tool.startsWith(this.name)) ? 'more' : 'reject';
    }
    if (!this.allowedTools.includes(this.name)) return 'reject';
    if (char === ' ' || char === '\t' || char === '\r') {
      this.phase = 'rest-gap';
      return 'more';
    }
    return this.pushRest(char);
  }

  private pushRest(char: string): ScanStep {
    if (char === '\n') return 'complete-before';
    if (char === '{' || char === '[') {
      this.phase = 'json';
      this.json = new BracketScanner();
      return this.json.push(char);
    }
    this.phase = 'line';
    return 'more';
  }
}
