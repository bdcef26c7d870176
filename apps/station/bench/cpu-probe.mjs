// Diagnostic preload (node --import): profiles the process's main thread for
// BENCH_PROF_SECONDS and writes a .cpuprofile to BENCH_PROF_FILE (open it in Chrome DevTools).
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";

const file = process.env.BENCH_PROF_FILE;
const seconds = Number(process.env.BENCH_PROF_SECONDS ?? 60);
if (file) {
  const session = new Session();
  session.connect();
  session.post("Profiler.enable", () => {
    session.post("Profiler.start", () => {
      setTimeout(() => {
        session.post("Profiler.stop", (err, res) => {
          if (!err) writeFileSync(file, JSON.stringify(res.profile));
          console.log(`[prof] ${err ? err.message : `wrote ${file}`}`);
        });
      }, seconds * 1000).unref();
    });
  });
}
