// The clock and the config file: passed into the core, never read by it.
//
// LECTIO_NOW (an ISO date) fixes the clock, for scripted sessions and tests: the queue and
// plans are deterministic for a given library and clock.
// The config file is JSON: $LECTIO_CONFIG, else $XDG_CONFIG_HOME/lectio/config.json (else
// ~/.config/lectio/config.json). Missing is fine; malformed is an error that names the file.
//   { "queue": { "weights": { "topic": 3, "importance": 2, ... } },
//     "weeklyTarget": { "deep": 1, "skims": 3 },
//     "sources": { "arxivApi": "https://export.arxiv.org/api/query",
//                  "arxivRss": "https://rss.arxiv.org/rss/", "hfDailyPapers": "https://huggingface.co/api/daily_papers" } }
// LECTIO_ARXIV_API, LECTIO_ARXIV_RSS and LECTIO_HF_DAILY override the sources (a mirror, a test server).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LectioError } from '../core/errors.js';
import { DEFAULT_QUEUE_WEIGHTS, mergeWeights, type QueueWeights } from '../core/rank-queue.js';
import { DEFAULT_WEEKLY_TARGET, validateWeeklyTarget, type WeeklyTarget } from '../core/reading-progress.js';

export function clockNow(): Date {
  const fixed = process.env.LECTIO_NOW;
  if (!fixed) return new Date();
  const date = new Date(fixed);
  if (Number.isNaN(date.getTime())) throw new LectioError('bad_input', `LECTIO_NOW="${fixed}" is not a date`);
  return date;
}

export interface SourceUrls {
  arxivApi?: string;
  arxivRss?: string;
  hfDailyPapers?: string;
}

export interface Settings {
  file: string;
  weights: QueueWeights;
  weeklyTarget: WeeklyTarget;
  sources: SourceUrls;
}

export function configPath(): string {
  if (process.env.LECTIO_CONFIG) return path.resolve(process.env.LECTIO_CONFIG);
  const base = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'lectio', 'config.json');
}

export function loadSettings(): Settings {
  const file = configPath();
  let raw: unknown = {};
  if (fs.existsSync(file)) {
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    } catch (error) {
      throw new LectioError('bad_input', `${file}: not valid JSON (${(error as Error).message})`);
    }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new LectioError('bad_input', `${file}: the config must be a JSON object`);
  }
  const config = raw as { queue?: { weights?: unknown }; weeklyTarget?: unknown; sources?: unknown };
  try {
    return {
      file,
      weights: mergeWeights(DEFAULT_QUEUE_WEIGHTS, config.queue?.weights ?? {}),
      weeklyTarget: weeklyTargetOf(config.weeklyTarget),
      sources: sourcesOf(config.sources),
    };
  } catch (error) {
    if (error instanceof LectioError) throw new LectioError('bad_input', `${file}: ${error.message}`);
    throw error;
  }
}

function weeklyTargetOf(value: unknown): WeeklyTarget {
  if (value === undefined) return DEFAULT_WEEKLY_TARGET;
  if (typeof value !== 'object' || value === null)
    throw new LectioError('bad_input', 'weeklyTarget must be an object');
  for (const key of Object.keys(value)) {
    if (key !== 'deep' && key !== 'skims')
      throw new LectioError('bad_input', `weeklyTarget.${key}: unknown key`);
  }
  return validateWeeklyTarget({ ...DEFAULT_WEEKLY_TARGET, ...(value as Partial<WeeklyTarget>) });
}

const SOURCE_ENV: Record<keyof SourceUrls, string> = {
  arxivApi: 'LECTIO_ARXIV_API',
  arxivRss: 'LECTIO_ARXIV_RSS',
  hfDailyPapers: 'LECTIO_HF_DAILY',
};

function sourcesOf(value: unknown): SourceUrls {
  if (value !== undefined && (typeof value !== 'object' || value === null))
    throw new LectioError('bad_input', 'sources must be an object');
  const given = (value ?? {}) as Record<string, unknown>;
  const out: SourceUrls = {};
  for (const key of Object.keys(given)) {
    if (!(key in SOURCE_ENV)) throw new LectioError('bad_input', `sources.${key}: unknown key`);
  }
  for (const [key, env] of Object.entries(SOURCE_ENV) as Array<[keyof SourceUrls, string]>) {
    const url = process.env[env] || given[key];
    if (url === undefined) continue;
    if (typeof url !== 'string' || !/^https?:\/\/[^\s]+$/u.test(url))
      throw new LectioError(
        'bad_input',
        `sources.${key} (or $${env}) must be an http(s) URL, not ${JSON.stringify(url)}`,
      );
    out[key] = url;
  }
  return out;
}

/** Whether a URL points at this machine (a test server): arXiv's 3 s spacing is for arXiv. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  } catch {
    return false;
  }
}
