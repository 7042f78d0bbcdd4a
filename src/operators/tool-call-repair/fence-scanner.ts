import { BracketScanner, toolCallFirstKeys } from './bracket-scanner.js';
import type { CandidateScanner, ScanStep } from './candidate-scanner.js';

type FencePhase = 'open' | 'lang' | 'body' | 'object' | 'after' | 'close';

const langCharPattern = /[A-Za-z0-9_+.\- \t\r]/;
const acceptedLangPattern = /^(json)?[ \t\r]*$/i;
const maxLangLength = 32;

/**
 * Delimits ```` ```[json]\n {tool-call object} \n``` ````. The fence is held only while it can still
 * be exactly one tool-call object; any other fence (another language, a body not starting with a
 * tool-call key) is rejected into opaque mode, so code blocks stream on and nothing inside them is
 * ever taken for a call.
 */
export class FenceScanner implements CandidateScanner {
  readonly kind = 'fence';
  private phase: FencePhase = 'open';
  private ticks = 0;
  private lang = '';
  private readonly object = new BracketScanner(toolCallFirstKeys);

  push(char: string): ScanStep {
    switch (this.phase) {
      case 'open':
        if (char !== '`') return 'reject';
        this.ticks++;
        if (this.ticks === 3) this.phase = 'lang';
        return 'more';
      case 'lang':
        return this.pushLang(char);
      case 'body':
        if (/\s/.test(char)) return 'more';
        if (char !== '{') return 'reject-to-fence';
        this.phase = 'object';
        return this.object.push(char);
      case 'object': {
        const step = this.object.push(char);
        if (step === 'complete') this.phase = 'after';
        return step === 'reject' ? 'reject-to-fence' : 'more';
      }
      case 'after':
        if (/\s/.test(char)) return 'more';
        if (char !== '`') return 'reject-to-fence';
        this.phase = 'close';
        this.ticks = 1;
        return 'more';
      case 'close':
        if (char !== '`') return 'reject-to-fence';
        this.ticks++;
        return this.ticks === 3 ? 'complete' : 'more';
    }
  }

  end(): 'complete' | 'reject' {
    return 'reject';
  }

  private pushLang(char: string): ScanStep {
    if (char === '\n') {
      if (!acceptedLangPattern.test(this.lang)) return 'reject-to-fence';
      this.phase = 'body';
      return 'more';
    }
    // Not a fence opening line (inline triple backticks, "````"): plain text.
    if (!langCharPattern.test(char)) return 'reject';
    this.lang += char;
    return this.lang.length > maxLangLength ? 'reject' : 'more';
  }
}
