/** One jest run, one project per kind of test. `npm test` runs them all after lint and build. */
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
// 30 s per test: a busy machine stretches HTTP round trips, and fault tests wait out a hook's
// budget (twice the test credentials' 2 s timeout). Nothing asserts on time.
const common = {
	transform,
	testEnvironment: 'node',
	moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
	maxWorkers: 2,
	testTimeout: 30_000,
	// Marks the figures tests saved (dev/figures.ts) with whether their file ran in full and passed.
	reporters: ['default', '<rootDir>/dev/facts-reporter.cjs'],
	projects: [
		{ ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{ ...common, displayName: 'workflow', testMatch: ['<rootDir>/test/workflow/**/*.test.ts'] },
		{
			...common,
			displayName: 'reliability',
			testMatch: ['<rootDir>/test/reliability/**/*.test.ts'],
		},
		{ ...common, displayName: 'bench-smoke', testMatch: ['<rootDir>/test/bench/**/*.test.ts'] },
		{ ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
	],
};
