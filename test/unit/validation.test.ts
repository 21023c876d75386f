import { describe, expect, it } from 'vitest';
import { parseLengthInput, parseWeightInput } from '../../src/domain/quantity-input.js';
import { checkQuantity, checkRange, checkText, parseBloodPressure, parseChoice, parseNumberInRange, RULES } from '../../src/domain/validation.js';
import { UsageError } from '../../src/errors.js';

describe('checkRange', () => {
  it('accepts the bounds', () => {
    expect(checkRange('--body-fat', 2, RULES.bodyFatPct)).toBe(2);
    expect(checkRange('--body-fat', 75, RULES.bodyFatPct)).toBe(75);
    expect(checkRange('--calories', 0, RULES.calories)).toBe(0);
  });
  it.each([
    ['--body-fat', 80, RULES.bodyFatPct, '--body-fat: 80 is out of range (allowed 2–75 %)'],
    ['--body-fat', 1.9, RULES.bodyFatPct, '--body-fat: 1.9 is out of range (allowed 2–75 %)'],
    ['--rhr', 20, RULES.restingHeartRate, '--rhr: 20 bpm is out of range (allowed 25–250 bpm)'],
    ['--rhr', 60.5, RULES.restingHeartRate, '--rhr: 60.5 is not a whole number (allowed 25–250 bpm)'],
    ['--mood', 11, RULES.scale, '--mood: 11 is out of range (allowed 1–10)'],
    ['--mood', 0, RULES.scale, '--mood: 0 is out of range (allowed 1–10)'],
    ['--calories', 10001, RULES.calories, '--calories: 10001 kcal is out of range (allowed 0–10000 kcal)'],
    ['--calories', -1, RULES.calories, '--calories: -1 kcal is out of range (allowed 0–10000 kcal)'],
    ['--sleep-hours', 25, RULES.sleepHours, '--sleep-hours: 25 h is out of range (allowed 0–24 h)'],
    ['--rpe', 7.3, RULES.rpe, '--rpe: 7.3 is not a whole or half number (allowed 1–10)'],
  ] as const)('%s %s', (field, value, rule, message) => {
    expect(() => checkRange(field, value, rule)).toThrow(UsageError);
    expect(() => checkRange(field, value, rule)).toThrow(message);
  });
  it('exits 2', () => {
    let thrown: unknown;
    try {
      checkRange('--mood', 11, RULES.scale);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as UsageError).exitCode).toBe(2);
  });
});

describe('parseNumberInRange', () => {
  it('reads and checks', () => expect(parseNumberInRange('--energy', '7', RULES.scale)).toBe(7));
  it('refuses text', () => expect(() => parseNumberInRange('--energy', 'high', RULES.scale)).toThrow('--energy: "high" is not a number'));
});

describe('checkQuantity', () => {
  it('accepts 80kg', () => expect(checkQuantity('<weight>', parseWeightInput('80kg'), RULES.weightKg).value).toBe(80));
  it('speaks kg for kg', () => {
    expect(() => checkQuantity('<weight>', parseWeightInput('800kg'), RULES.weightKg)).toThrow('<weight>: 800 kg is out of range (allowed 20–500 kg)');
  });
  it('speaks lb for lb (range converted: 20 kg = 44.1 lb, 500 kg = 1102.3 lb)', () => {
    expect(() => checkQuantity('<weight>', parseWeightInput('1200lb'), RULES.weightKg)).toThrow('<weight>: 1200 lb is out of range (allowed 44.1–1102.3 lb)');
  });
  it('speaks in for in (5 cm = 2 in, 400 cm = 157.5 in)', () => {
    expect(() => checkQuantity('--waist', parseLengthInput('200in'), RULES.circumferenceCm)).toThrow('--waist: 200 in is out of range (allowed 2–157.5 in)');
  });
  it('refuses a negative weight', () => {
    expect(() => checkQuantity('<weight>', parseWeightInput('-80kg'), RULES.weightKg)).toThrow('<weight>: -80 kg is out of range');
  });
});

describe('parseBloodPressure', () => {
  it('reads 120/80', () => expect(parseBloodPressure('--bp', '120/80')).toEqual({ systolic: 120, diastolic: 80 }));
  it('reads spaces', () => expect(parseBloodPressure('--bp', ' 135 / 85 ')).toEqual({ systolic: 135, diastolic: 85 }));
  it.each([
    ['120', '--bp: "120" is not a blood pressure'],
    ['120-80', '--bp: "120-80" is not a blood pressure'],
    ['80/120', '--bp: 80/120 has systolic 80 not above diastolic 120'],
    ['400/80', '--bp: systolic 400 is out of range (allowed 50–300 mmHg)'],
    ['120/10', '--bp: diastolic 10 is out of range (allowed 20–200 mmHg)'],
  ])('refuses %s', (text, message) => expect(() => parseBloodPressure('--bp', text)).toThrow(message));
});

describe('parseChoice', () => {
  const types = ['breakfast', 'lunch', 'pre_workout'] as const;
  it.each(['pre_workout', 'pre-workout', 'Pre Workout', 'PRE-WORKOUT'])('%s → pre_workout', (t) => expect(parseChoice('<meal-type>', t, types)).toBe('pre_workout'));
  it('reads aliases', () => expect(parseChoice('<meal-type>', 'brunch', types, { brunch: 'lunch' })).toBe('lunch'));
  it('lists the choices', () => expect(() => parseChoice('<meal-type>', 'elevenses', types)).toThrow('<meal-type>: "elevenses" is not one of breakfast, lunch, pre_workout'));
});

describe('checkText', () => {
  it('keeps text exactly', () => expect(checkText('--note', `it's "fine"; DROP TABLE x; 💪`)).toBe(`it's "fine"; DROP TABLE x; 💪`));
  it('refuses empty', () => expect(() => checkText('<title>', '  ')).toThrow('<title>: is empty'));
  it('refuses too long, counting characters', () => {
    expect(checkText('<title>', '💪'.repeat(200), { maxLength: 200 })).toHaveLength(400);
    expect(() => checkText('<title>', 'x'.repeat(201), { maxLength: 200 })).toThrow('<title>: 201 characters is too long (allowed up to 200)');
  });
});
