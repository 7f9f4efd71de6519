// Plans and progress: reads per week against the weekly target as a chart, the streak, and
// each plan's weeks with what is done and what is late.

import { useEffect, useState } from 'preact/hooks';
import { api, type PlanView, type ProgressView } from '../api.js';
import { ErrorLine } from '../components/common.js';
import { href, type Location } from '../router.js';

function ProgressChart(props: { view: ProgressView }) {
  const { weeks, target } = props.view;
  const goal = target.deep + target.skims;
  const top = Math.max(goal, ...weeks.map((w) => w.deep + w.skims), 1);
  const W = 640;
  const H = 220;
  const pad = { left: 28, right: 8, top: 10, bottom: 34 };
  const slot = (W - pad.left - pad.right) / weeks.length;
  const y = (v: number) => pad.top + (H - pad.top - pad.bottom) * (1 - v / top);
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`reads per week against a target of ${target.deep} deep and ${target.skims} skims`}
    >
      {[0, Math.round(top / 2), top].map((v) => (
        <g>
          <line x1={pad.left} x2={W - pad.right} y1={y(v)} y2={y(v)} class="grid" />
          <text x={pad.left - 6} y={y(v) + 4} class="axis" text-anchor="end">
            {v}
          </text>
        </g>
      ))}
      {weeks.map((w, i) => {
        const x = pad.left + i * slot + slot * 0.15;
        const width = slot * 0.7;
        return (
          <g class={w.met ? 'met' : ''}>
            <title>{`week of ${w.start}: ${w.deep} deep, ${w.skims} skims${w.met ? ' (target met)' : ''}`}</title>
            <rect class="deep" x={x} width={width} y={y(w.deep)} height={y(0) - y(w.deep)} />
            <rect
              class="skims"
              x={x}
              width={width}
              y={y(w.deep + w.skims)}
              height={y(w.deep) - y(w.deep + w.skims)}
            />
            <text x={x + width / 2} y={H - pad.bottom + 14} class="axis" text-anchor="middle">
              {w.start.slice(5)}
            </text>
            {w.met ? (
              <text x={x + width / 2} y={H - pad.bottom + 28} class="axis met-mark" text-anchor="middle">
                ✓
              </text>
            ) : null}
          </g>
        );
      })}
      <line x1={pad.left} x2={W - pad.right} y1={y(goal)} y2={y(goal)} class="target" />
      <text x={W - pad.right} y={y(goal) - 4} class="axis" text-anchor="end">
        target {goal}
      </text>
    </svg>
  );
}

function PlanCard(props: { plan: PlanView }) {
  const { plan } = props;
  const week = plan.thisWeek;
  return (
    <article class="plan">
      <h3>{plan.name}</h3>
      <p>
        <progress
          max={Math.max(1, plan.total)}
          value={plan.done}
          aria-label={`${plan.done} of ${plan.total} done`}
        />{' '}
        {plan.done}/{plan.total} done · {plan.perWeek} a week · {plan.start} to {plan.end} ·{' '}
        {plan.onTrack ? 'on track' : `${plan.late.length} late`}
      </p>
      {week ? (
        <>
          <h4>
            This week (week {week.week}, due {week.due})
          </h4>
          <ul>
            {week.items.map((it) => (
              <li class={it.late ? 'late' : ''}>
                <span class={`status status-${it.status}`}>{it.status}</span>{' '}
                <a href={href('item', [it.id])}>{it.title}</a>
                {it.late ? <strong> late</strong> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </article>
  );
}

export function PlansView(_props: { loc: Location }) {
  const [progress, setProgress] = useState<ProgressView | null>(null);
  const [plans, setPlans] = useState<PlanView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.progress(12).then(setProgress, setError);
    api.plans().then(setPlans, setError);
  }, []);
  const tw = progress?.thisWeek;
  return (
    <div class="plans-page">
      <h1>Progress</h1>
      <ErrorLine error={error} />
      {progress && tw ? (
        <>
          <p>
            Weekly target: {progress.target.deep} deep read{progress.target.deep === 1 ? '' : 's'} +{' '}
            {progress.target.skims} skims. This week: {tw.deep} deep, {tw.skims} skims{tw.met ? ' — met' : ''}
            . Streak {progress.streak} (best {progress.bestStreak}) · {progress.totalRead} read in all.
          </p>
          <ProgressChart view={progress} />
          <p class="legend dim">
            <span class="swatch deep" /> deep reads (read, or pass 2-3) <span class="swatch skims" /> skims
            (pass 1)
          </p>
        </>
      ) : null}
      <h2>Plans</h2>
      {plans?.length === 0 ? (
        <p class="empty">
          No plans yet: <code>lectio plan create NAME --topic TOPIC --per-week 2</code>
        </p>
      ) : null}
      {plans?.map((p) => (
        <PlanCard plan={p} />
      ))}
    </div>
  );
}
