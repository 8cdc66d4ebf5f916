// Real databases for the nudge tests: PGlite in memory, or PostgreSQL (TEST_DATABASE_URL) in a
// fresh schema per test file; plus the Hồng Lĩnh seed and a recording ProactiveSender.
import { openDb } from "../../../bot/storage/open-db";
import type { EngineDb } from "../../../bot/storage/engine";
import { DeadAddressError, type ChannelName, type ConversationAddress, type OutgoingMessage, type ProactiveSender } from "../../../bot/messages";
import { HONGLINH_TITLE, REPORT_SCHEDULE, UNDATED_SCHEDULE, UNIT_NAMES } from "./fixtures";

export function pgUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      "TEST_DATABASE_URL is not set: the nudge tests need a PostgreSQL server. Start one and run e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx vitest run test/bot/nudges",
    );
  }
  return url;
}

/** A fresh schema name for one test file. */
export function freshSchema(label: string): string {
  return `t_nudges_${label}_${process.pid}_${Date.now().toString(36)}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
}

export async function openPg(schema: string): Promise<EngineDb> {
  return openDb({ databaseUrl: pgUrl(), schema });
}

export async function dropSchema(db: EngineDb, schema: string): Promise<void> {
  await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}

export function openMemory(): Promise<EngineDb> {
  return openDb({ dataDir: "memory" });
}

export interface SeedUser {
  id: number;
  name: string;
  unitId: number | null;
  role: "admin" | "coordinator" | "member";
  planId?: string | null;
  /** Addresses, newest first. */
  channels: ChannelName[];
}

export const SEED_USERS: SeedUser[] = [
  { id: 10, name: "Nguyễn Văn An", unitId: 2, role: "member", planId: "honglinh-2023", channels: ["zalo"] },
  { id: 11, name: "Trần Thị Bình", unitId: 3, role: "member", channels: ["zalo", "teams"] },
  { id: 12, name: "Lê Văn Cường", unitId: 4, role: "member", channels: ["teams"] },
  { id: 13, name: "Phạm Thị Dung", unitId: 1, role: "coordinator", planId: "honglinh-2023", channels: ["teams"] },
  { id: 14, name: "Hoàng Văn Em", unitId: null, role: "member", channels: ["zalo"] },
  { id: 15, name: "Đỗ Thị Giang", unitId: 1, role: "admin", channels: ["teams"] },
];

/** The Hồng Lĩnh plan's report obligation (o12, dated) and Phòng Nội vụ's undated one (o11). */
export async function seedHonglinh(db: EngineDb): Promise<void> {
  await db.query(
    "INSERT INTO plans (id, file, sha256, title, meta, doc) VALUES ($1, $2, $3, $4, $5::jsonb, '{}'::jsonb)",
    ["honglinh-2023", "honglinh-2023.txt", "0", HONGLINH_TITLE, JSON.stringify({ title: HONGLINH_TITLE, period: { from: 2023, to: 2023 } })],
  );
  const obligations: [string, string, unknown][] = [
    ["o11", "Theo dõi, kiểm tra đôn đốc, tổng hợp báo cáo kết quả công tác dân vận chính quyền", UNDATED_SCHEDULE],
    ["o12", "Tổng hợp báo cáo tình hình, kết quả thực hiện công tác dân vận chính quyền", REPORT_SCHEDULE],
  ];
  for (const [id, task, schedule] of obligations) {
    await db.query(
      "INSERT INTO obligations (plan_id, id, section_id, section, responsible, task, recipient, schedule, quote) VALUES ('honglinh-2023', $1, 's1', 'IV. TỔ CHỨC THỰC HIỆN', '[]'::jsonb, $2, NULL, $3::jsonb, $2)",
      [id, task, JSON.stringify(schedule)],
    );
  }
  for (const [id, name] of UNIT_NAMES) await db.query("INSERT INTO units (id, name, name_key) VALUES ($1, $2, $3)", [id, name, name.toLowerCase()]);
  for (const [o, u] of [["o12", 2], ["o12", 3], ["o11", 1]] as const) {
    await db.query("INSERT INTO obligation_units (plan_id, obligation_id, unit_id) VALUES ('honglinh-2023', $1, $2)", [o, u]);
  }
  await db.query("SELECT setval('units_id_seq', 100), setval('users_id_seq', 100)");
  for (const u of SEED_USERS) {
    await db.query("INSERT INTO users (id, name, unit_id, role, plan_id) VALUES ($1, $2, $3, $4, $5)", [u.id, u.name, u.unitId, u.role, u.planId ?? null]);
    await db.query("INSERT INTO identities (channel, channel_user_id, user_id) VALUES ('console', $1, $2)", [`u${u.id}`, u.id]);
    for (let i = 0; i < u.channels.length; i++) {
      const ch = u.channels[i];
      await db.query(
        "INSERT INTO addresses (channel, conversation_key, channel_user_id, user_id, data, updated_at) VALUES ($1, $2, $3, $4, '{}'::jsonb, $5)",
        [ch, `${ch}-conv-${u.id}`, `${ch}-${u.id}`, u.id, new Date(Date.UTC(2023, 0, 1) - i * 86_400_000)],
      );
    }
  }
}

export type Behaviour = "ok" | "fail" | "dead" | "hang";

export interface Delivery {
  channel: ChannelName;
  address: ConversationAddress;
  messages: OutgoingMessage[];
}

/** A ProactiveSender that records what it sends; `behave` decides each call (default: works). */
export class RecordingSender implements ProactiveSender {
  readonly delivered: Delivery[] = [];
  calls = 0;

  constructor(
    readonly channel: ChannelName,
    private readonly behave: (address: ConversationAddress, call: number) => Behaviour = () => "ok",
  ) {}

  async send(address: ConversationAddress, messages: OutgoingMessage[]): Promise<void> {
    this.calls++;
    const b = this.behave(address, this.calls);
    if (b === "dead") throw new DeadAddressError(`${this.channel} says ${address.conversationKey} is gone`);
    if (b === "fail") throw new Error(`${this.channel} answered 503`);
    if (b === "hang") return new Promise<void>(() => undefined);
    this.delivered.push({ channel: this.channel, address, messages });
  }
}

export function userOf(d: Delivery): number {
  return Number(d.address.conversationKey.split("-").pop());
}
