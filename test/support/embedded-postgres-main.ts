// The embedded PostgreSQL as a process of its own (see embedded-postgres-process.ts): starts the
// server, prints {"url","dir"} as one JSON line, and stops it and removes its folder when its
// standard input closes, which happens when the parent test run ends in any way, killed included.
import { startEmbeddedPostgres } from "./embedded-postgres";

const recent: string[] = [];
startEmbeddedPostgres((line) => {
  recent.push(line);
  if (recent.length > 40) recent.shift();
}).then(
  (server) => {
    process.stdout.write(JSON.stringify({ url: server.url, dir: server.dir }) + "\n");
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      server.stop().then(
        () => process.exit(0),
        (err: unknown) => {
          process.stderr.write(`could not stop the embedded PostgreSQL: ${String(err)}\n`);
          process.exit(1);
        },
      );
    };
    process.stdin.on("end", stop);
    process.stdin.on("error", stop);
    process.stdin.resume();
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${recent.join("")}\n`);
    process.exit(1);
  },
);
