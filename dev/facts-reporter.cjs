// Jest reporter (jest.config.js): after a run, stamps every fact saved during it (dev/figures.ts) with the run's
// start and whether the file that saved it ran in full and passed, so a writer never copies figures of a partial
// or failed run. Plain CommonJS: jest loads reporters without transforming them.
const fs = require('node:fs');
const path = require('node:path');

class FactsReporter {
	constructor(globalConfig, options = {}) {
		this.globalConfig = globalConfig;
		// Same folder as FACTS_DIR in dev/figures.ts; a spec passes its own.
		this.dir = options.dir ?? path.join(__dirname, '..', '.results', 'facts');
	}

	onRunComplete(_contexts, results) {
		if (!fs.existsSync(this.dir)) return;
		// A name filter (-t) leaves a file's other tests out: its figures would be partial.
		const filtered = Boolean(this.globalConfig.testNamePattern);
		for (const name of fs.readdirSync(this.dir).filter((entry) => entry.endsWith('.json'))) {
			const file = path.join(this.dir, name);
			const fact = JSON.parse(fs.readFileSync(file, 'utf8'));
			if (fact.run !== undefined || Date.parse(fact.savedAt) < results.startTime) continue;
			const result = results.testResults.find((entry) => entry.testFilePath === fact.testFile);
			fact.run = results.startTime;
			fact.green = Boolean(
				result &&
					!filtered &&
					!results.wasInterrupted &&
					!result.testExecError &&
					result.numFailingTests === 0 &&
					result.numPassingTests > 0,
			);
			fs.writeFileSync(file, `${JSON.stringify(fact, null, 2)}\n`);
		}
	}
}

module.exports = FactsReporter;
