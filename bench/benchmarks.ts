import { bulkDownload } from './bulk-download';
import { collectRate } from './collect-rate';
import { ingest } from './ingest';
import { pagination } from './pagination';
import type { Benchmark } from './runner';
import { scaling } from './scaling';

/** Every benchmark `npm run bench` runs, in order; the bench-smoke test runs each at tiny sizes. */
export const benchmarks: Benchmark[] = [ingest, pagination, scaling, bulkDownload, collectRate];
