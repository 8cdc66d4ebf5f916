// A worker thread that sends chat turns (timeTurns) until the parent posts "stop", then posts its
// figures back: the load generator of bench:nudges, on its own event loop beside the server's.
import { parentPort, workerData } from "node:worker_threads";
import { timeTurns, type Turn } from "./turns";

const data = workerData as { url: string; turns: Turn[]; planIds: string[]; users: number; thinkMs: number };
const stop = new AbortController();
parentPort!.on("message", (m) => {
  if (m === "stop") stop.abort();
});
const figures = await timeTurns({ ...data, count: Infinity, stop: stop.signal });
parentPort!.postMessage(figures);
