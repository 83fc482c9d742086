// Preloaded into n8n by `npm run bench:n8n -- --profile DIR` (NODE_OPTIONS=--require; Node 20 refuses --cpu-prof
// there): a CPU profile of the whole n8n process, written to $HR_SIGNALS_CPU_PROF_DIR when it exits.
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');
const dir = process.env.HR_SIGNALS_CPU_PROF_DIR;
if (dir) {
	const session = new inspector.Session();
	session.connect();
	session.post('Profiler.enable');
	session.post('Profiler.setSamplingInterval', { interval: 500 });
	session.post('Profiler.start');
	let written = false;
	const write = () => {
		if (written) return;
		written = true;
		session.post('Profiler.stop', (error, result) => {
			if (error) return;
			fs.mkdirSync(dir, { recursive: true });
			fs.writeFileSync(path.join(dir, `n8n-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
		});
	};
	process.on('exit', write);
}
