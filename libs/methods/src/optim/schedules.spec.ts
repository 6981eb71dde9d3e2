import { describe, expect, it } from 'vitest';
import { createSchedule } from './config.js';
import { constantSchedule, cosineSchedule } from './schedules.js';

describe('schedules', () => {
  it('constant', () => {
    expect([0, 10, 1e6].map(constantSchedule(0.3))).toEqual([0.3, 0.3, 0.3]);
  });

  it('cosine with linear warm-up at known steps', () => {
    const lr = cosineSchedule({ baseLearningRate: 1, totalSteps: 110, warmupSteps: 10 });
    expect(lr(0)).toBeCloseTo(0.1, 12);
    expect(lr(4)).toBeCloseTo(0.5, 12);
    expect(lr(9)).toBeCloseTo(1, 12);
    expect(lr(10)).toBeCloseTo(1, 12);
    expect(lr(35)).toBeCloseTo((1 + Math.cos(Math.PI / 4)) / 2, 12); // a quarter of the decay
    expect(lr(60)).toBeCloseTo(0.5, 12);
    expect(lr(110)).toBeCloseTo(0, 12);
    expect(lr(500)).toBeCloseTo(0, 12);
  });

  it('cosine decays to a final rate', () => {
    const lr = cosineSchedule({ baseLearningRate: 0.5, totalSteps: 100, finalLearningRate: 0.1 });
    expect(lr(0)).toBeCloseTo(0.5, 12);
    expect(lr(50)).toBeCloseTo(0.3, 12);
    expect(lr(100)).toBeCloseTo(0.1, 12);
  });

  it('builds from config and names bad fields', () => {
    expect(createSchedule({ type: 'cosine', baseLearningRate: 2, totalSteps: 4 })(2)).toBeCloseTo(1, 12);
    expect(() => createSchedule({ type: 'cosine', baseLearningRate: 1, totalSteps: 0 })).toThrow(/schedule\.totalSteps: must be >= 1/);
    expect(() => createSchedule({ type: 'cosine', baseLearningRate: 1, totalSteps: 5, warmupSteps: 5 })).toThrow(/warmupSteps/);
    expect(() => createSchedule({ type: 'cosine', totalSteps: 5 })).toThrow(/schedule\.baseLearningRate: is required/);
    expect(createSchedule(undefined)(7)).toBe(0.05);
  });
});
