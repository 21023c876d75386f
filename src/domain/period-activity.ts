/**
 * What happened in a period, as the summary report reads it: sessions, training volume,
 * weigh-ins, meals and the coaching actions still open.
 */
export interface PeriodActivity {
  from: string;
  to: string;
  sessions: Array<{ date: string; title: string }>;
  /** Σ load × reps of the period's sets, kg. */
  volumeKg: number;
  weightsKg: number[];
  meals: Array<{ date: string; calories: number | null; proteinG: number | null }>;
  openActions: Array<{ date: string; text: string }>;
}
