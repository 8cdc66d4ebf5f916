// The answer worker with two faults a test can trigger by the question: "sập" ends the worker
// thread at once (a crash), "treo" never returns (a stuck worker). Any other question is answered.
import { parentPort } from "node:worker_threads";

parentPort!.on("message", (m: { question?: string }) => {
  if (m.question === "sập") process.exit(7);
  if (m.question === "treo") for (;;);
});
await import("../../bot/answering/answer-worker");
