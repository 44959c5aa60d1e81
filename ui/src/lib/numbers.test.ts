import { describe, expect, it } from 'vitest';
import { fixed, signed } from './numbers';

describe('numbers are rounded as the library rounds them', () => {
  it('rounds halves away from zero whatever the float noise', () => {
    const noisy = 7 / 4 - 8 / 5;
    expect(noisy).toBeLessThan(0.15);
    expect(fixed(noisy, 1)).toBe('0.2');
    expect(fixed(-noisy, 1)).toBe('-0.2');
    expect(fixed(1.25, 1)).toBe('1.3');
    expect(fixed(2 / 3, 2)).toBe('0.67');
    expect(fixed(-0.04, 1)).toBe('0.0');
    expect(signed(1.005, 2)).toBe('+1.01');
    expect(signed(-0.5, 2)).toBe('-0.50');
    expect(signed(0, 2)).toBe('+0.00');
    expect(fixed(null, 2)).toBe('—');
  });
});
