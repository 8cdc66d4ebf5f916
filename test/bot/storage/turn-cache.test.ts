// The rows a turn reads are cached in the process, yet a write by any other process (another
// replica, a CLI; here plain SQL that bypasses the bot's code) is seen by the next turn; an
// address is not written again while it is unchanged, and one marked dead elsewhere is revived.
import { describe, expect, it } from "vitest";
import { BoundedMap } from "../../../bot/storage/bounded-map";
import { turnCacheFor } from "../../../bot/storage/turn-cache";
import { harness } from "../core/harness";

const address = (user: string) => ({ channel: "console" as const, conversationKey: `conv-${user}`, channelUserId: user, data: { room: user } });

describe("turn cache", () => {
  it("sees a user registered by another process on the next turn", async () => {
    const h = await harness();
    await h.say("lan", "khi nào nộp báo cáo 6 tháng");
    expect(h.answerer.asked.at(-1)?.planId).toBeNull();
    const [u] = await h.db.query<{ id: number }>("INSERT INTO users (name, role, plan_id) VALUES ('Lan', 'member', 'test-plan') RETURNING id");
    await h.db.query("INSERT INTO identities (channel, channel_user_id, user_id) VALUES ('console', 'lan', $1)", [u.id]);
    await h.say("lan", "khi nào nộp báo cáo 6 tháng");
    expect(h.answerer.asked.at(-1)?.planId).toBe("test-plan");
    await h.db.query("UPDATE users SET plan_id = 'other-plan' WHERE id = $1", [u.id]);
    await h.say("lan", "khi nào nộp báo cáo 6 tháng");
    expect(h.answerer.asked.at(-1)?.planId).toBe("other-plan");
  });

  it("saves an unchanged address once, and again when it changed or was marked dead elsewhere", async () => {
    const h = await harness();
    const stamp = async () => (await h.db.query<{ t: string; dead: boolean }>("SELECT updated_at::text AS t, dead FROM addresses WHERE conversation_key = 'conv-minh'"))[0];
    await h.say("minh", "xin chào", { address: address("minh") });
    const first = await stamp();
    h.now = new Date(h.now.getTime() + 60_000);
    await h.say("minh", "xin chào", { address: address("minh") });
    expect((await stamp()).t).toBe(first.t);
    await h.say("minh", "xin chào", { address: { ...address("minh"), data: { room: "moved" } } });
    expect((await stamp()).t).not.toBe(first.t);
    await h.db.query("UPDATE addresses SET dead = true WHERE conversation_key = 'conv-minh'");
    h.now = new Date(h.now.getTime() + 60_000);
    await h.say("minh", "xin chào", { address: { ...address("minh"), data: { room: "moved" } } });
    expect((await stamp()).dead).toBe(false);
  });

  it("serves concurrent turns with fewer reads of the counters and address writes than turns, each seeing the writes made before it", async () => {
    const h = await harness();
    const [u] = await h.db.query<{ id: number }>("INSERT INTO users (name, role, plan_id) VALUES ('Hoa', 'member', 'test-plan') RETURNING id");
    await h.db.query("INSERT INTO identities (channel, channel_user_id, user_id) VALUES ('console', 'hoa', $1)", [u.id]);
    const statements: string[] = [];
    const query = h.db.query;
    h.db.query = ((sql: string, params?: unknown[]) => {
      statements.push(sql);
      return query(sql, params);
    }) as typeof query;
    const users = Array.from({ length: 20 }, (_, i) => `user-${i}`);
    await Promise.all([...users, "hoa"].map((user) => h.say(user, "khi nào nộp báo cáo 6 tháng", { address: address(user) })));
    const count = (re: RegExp) => statements.filter((s) => re.test(s)).length;
    expect(count(/FROM cache_epochs/)).toBeLessThan(5);
    expect(count(/INSERT INTO addresses/)).toBeLessThan(5);
    const stored = await h.db.query<{ conversation_key: string; user_id: number | null }>("SELECT conversation_key, user_id FROM addresses ORDER BY conversation_key");
    expect(stored).toHaveLength(21);
    expect(stored.find((r) => r.conversation_key === "conv-hoa")?.user_id).toBe(u.id);
    expect(h.answerer.asked.filter((a) => a.planId === "test-plan")).toHaveLength(1);
  });

  it("reads the office dates once for turns that need them together, and again after a write", async () => {
    const h = await harness();
    const cache = turnCacheFor(h.db);
    let reads = 0;
    const read = async () => {
      reads++;
      await new Promise((r) => setTimeout(r, 10));
      return [];
    };
    await cache.sync();
    await Promise.all(Array.from({ length: 5 }, () => cache.officeDates(read)));
    expect(reads).toBe(1);
    await h.db.query("UPDATE cache_epochs SET n = n + 1 WHERE name = 'office'"); // as a write of office_deadlines by any process
    await cache.sync();
    await Promise.all([cache.officeDates(read), cache.officeDates(read)]);
    expect(reads).toBe(2);
  });
});

describe("BoundedMap", () => {
  it("keeps at most its size, forgetting the least recently used key", () => {
    const m = new BoundedMap<string, number>(2);
    m.set("a", 1).set("b", 2);
    expect(m.get("a")).toBe(1);
    m.set("c", 3);
    expect(m.size).toBe(2);
    expect(m.has("b")).toBe(false);
    expect(m.get("a")).toBe(1);
    expect(m.get("c")).toBe(3);
  });
});
