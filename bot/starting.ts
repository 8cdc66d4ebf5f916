// What a turn that arrives while the server starts is told (bot/app.ts, and scripts/start.ts
// before the application is even imported). Kept in a module of its own so it loads in no time.
export const STARTING =
  "Trợ lý Kế hoạch đang khởi động (đang nạp các kế hoạch), vui lòng thử lại sau ít giây. / The assistant is starting up; please try again in a few seconds.";
