// A worker thread that sends chat turns (timeTurns), counts them from the parent's "measure" on,
// and stops at its "stop", posting its figures back: the load generator of bench:nudges, on its
// own event loop beside the server's.
import { parentPort, workerData } from "node:worker_threads";
import { timeTurns, type Turn } from "./turns";

const data = workerData as { url: string; turns: Turn[]; planIds: string[]; users: number; thinkMs: number };
const stop = new AbortController();
let measuring = false;
parentPort!.on("message", (m) => {
  if (m === "measure") measuring = true;
  if (m === "stop") stop.abort();
});
const figures = await timeTurns({ ...data, count: Infinity, stop: stop.signal, measuring: () => measuring });
parentPort!.postMessage(figures);
