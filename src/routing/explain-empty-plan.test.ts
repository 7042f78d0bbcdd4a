import { describe, expect, it } from 'vitest';
import { explainEmptyPlan } from './explain-empty-plan.js';
import { KeyHealth } from './key-health.js';

describe('explainEmptyPlan', () => {
  it('should answer 429 with the time until the first cooling key recovers', () => {
    const health = new KeyHealth({ now: () => 0 });
    health.reportRateLimited('a', 'A1', 30);
    health.reportRateLimited('b', 'B1', 12.2);
    const error = explainEmptyPlan(['a', 'b'], health, 0);
    expect(error.code).toBe('GW_ERR_RATE_LIMITED');
    expect(error.statusCode).toBe(429);
    expect(error.info.retryAfterSeconds).toBe(13);
  });

  it('should answer GW_ERR_NO_CREDENTIALS when no key is merely cooling', () => {
    const health = new KeyHealth({ now: () => 0 });
    health.reportAuthFailure('a', 'A1');
    expect(explainEmptyPlan(['a'], health, 0).code).toBe('GW_ERR_NO_CREDENTIALS');
  });
});
