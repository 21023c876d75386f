// Generates other apps' exports for the benchmarks:
//   node bench/generate-apps.mjs --strong-sets N --out strong.csv
//   node bench/generate-apps.mjs --apple-mb N --out export.xml
// Strong: workouts of 5 exercises × 4 sets, several a day under different names, in the older
// semicolon shape with unit columns. Apple Health: mostly heart-rate and step samples (what
// real exports are made of and fittrack skips), a morning and an evening weigh-in a day, a
// resting heart rate a day, and a workout every other day.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { 'strong-sets': { type: 'string' }, 'apple-mb': { type: 'string' }, out: { type: 'string' } } });
const out = createWriteStream(values.out);
const write = async (text) => {
  if (!out.write(text)) await once(out, 'drain');
};
const day = (i) => new Date(Date.parse('1990-01-01T00:00:00Z') + i * 86_400_000).toISOString().slice(0, 10);
const EXERCISES = ['Bench Press (Barbell)', 'Squat (Barbell)', 'Deadlift (Barbell)', 'Lateral Raise (Dumbbell)', 'Pull Up'];

if (values['strong-sets']) {
  const sets = Number(values['strong-sets']);
  await write('Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n');
  let n = 0;
  for (let w = 0; n < sets; w++) {
    const date = `${day(Math.floor(w / 4))} ${String(6 + (w % 4) * 3).padStart(2, '0')}:00:00`;
    const title = `Session ${(w % 4) + 1}`;
    let chunk = '';
    for (let e = 0; e < EXERCISES.length && n < sets; e++) {
      for (let s = 1; s <= 4 && n < sets; s++, n++) {
        chunk += `${date};"${title}";"${EXERCISES[e]}";${s};${40 + s * 10 + (w % 7) * 2.5};kg;${12 - s * 2};${6 + s * 0.5};;;0;"";"";1h 5m\n`;
      }
    }
    await write(chunk);
  }
} else if (values['apple-mb']) {
  const bytes = Number(values['apple-mb']) * 1024 * 1024;
  let written = 0;
  const put = async (text) => {
    written += Buffer.byteLength(text);
    await write(text);
  };
  await put('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE HealthData [\n<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord)*)>\n<!ATTLIST HealthData\n  locale CDATA #REQUIRED\n>\n]>\n<HealthData locale="en_US">\n <ExportDate value="2026-11-30 21:04:11 +0100"/>\n');
  const rec = (type, unit, at, value, source = 'Apple Watch') => ` <Record type="${type}" sourceName="${source}" sourceVersion="10.1" device="&lt;&lt;HKDevice: 0x281&gt;, name:Apple Watch&gt;" unit="${unit}" creationDate="${at}" startDate="${at}" endDate="${at}" value="${value}"/>\n`;
  for (let d = 0; written < bytes - 64; d++) {
    const date = day(d);
    let chunk = rec('HKQuantityTypeIdentifierBodyMass', 'kg', `${date} 07:10:00 +0100`, (80 + Math.sin(d / 30) * 3).toFixed(1), 'Withings');
    chunk += rec('HKQuantityTypeIdentifierBodyMass', 'kg', `${date} 21:40:00 +0100`, (81 + Math.sin(d / 30) * 3).toFixed(1), 'Withings');
    chunk += rec('HKQuantityTypeIdentifierRestingHeartRate', 'count/min', `${date} 00:05:00 +0100`, 55 + (d % 9));
    if (d % 2 === 0) chunk += ` <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="31.5" durationUnit="min" sourceName="Apple Watch" startDate="${date} 18:00:00 +0100" endDate="${date} 18:31:30 +0100">\n  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" startDate="${date} 18:00:00 +0100" endDate="${date} 18:31:30 +0100" sum="5.2" unit="km"/>\n </Workout>\n`;
    for (let m = 0; m < 1440; m += 5) {
      const at = `${date} ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00 +0100`;
      chunk += rec('HKQuantityTypeIdentifierHeartRate', 'count/min', at, 60 + (m % 40));
      chunk += rec('HKQuantityTypeIdentifierStepCount', 'count', at, m % 120);
    }
    await put(chunk);
  }
  await put('</HealthData>\n');
} else {
  throw new Error('give --strong-sets N or --apple-mb N, and --out FILE');
}
out.end();
await once(out, 'finish');
