// The Teams app package: manifest.json with the bot id, a 192x192 colour icon and a 32x32 outline
// icon (white on transparent), zipped flat, ready for "Upload a custom app".
import JSZip from "jszip";
import { z } from "zod";
import { encodePng, Rgba } from "./png";

const WHITE: [number, number, number, number] = [255, 255, 255, 255];
const RED: [number, number, number, number] = [183, 28, 28, 255];

/** A checklist page: the frame, three lines and their ticks, scaled to the icon size. */
function drawChecklist(img: Rgba, unit: number, ox: number, oy: number, solidPage: boolean): void {
  const u = unit;
  if (solidPage) img.fill(ox, oy, 12 * u, 16 * u, WHITE);
  else {
    img.fill(ox, oy, 12 * u, u, WHITE);
    img.fill(ox, oy + 15 * u, 12 * u, u, WHITE);
    img.fill(ox, oy, u, 16 * u, WHITE);
    img.fill(ox + 11 * u, oy, u, 16 * u, WHITE);
  }
  const ink: [number, number, number, number] = solidPage ? RED : WHITE;
  for (const row of [3, 7, 11]) {
    img.fill(ox + 2 * u, oy + row * u, 2 * u, 2 * u, ink); // tick box
    img.fill(ox + 5 * u, oy + row * u + Math.floor(u / 2), 5 * u, u, ink); // line
  }
}

export function colorIcon(): Buffer {
  const img = new Rgba(192, 192);
  img.fill(0, 0, 192, 192, RED);
  drawChecklist(img, 9, 42, 24, true);
  return encodePng(img);
}

export function outlineIcon(): Buffer {
  const img = new Rgba(32, 32); // transparent background
  drawChecklist(img, 2, 4, 0, false);
  return encodePng(img);
}

export const manifestInputSchema = z.object({
  botId: z
    .string({ message: "MicrosoftAppId is not set" })
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "MicrosoftAppId must be the bot's app id, a GUID"),
  publicBaseUrl: z.string().url().optional(),
  name: z.string().min(1).max(30).default("Trợ lý Kế hoạch"),
  developerName: z.string().min(1).default("Văn phòng UBND"),
  websiteUrl: z.string().url().default("https://example.gov.vn"),
  version: z.string().regex(/^\d+\.\d+\.\d+$/).default("1.0.0"),
});

export type ManifestInput = z.input<typeof manifestInputSchema>;

/** The app manifest schema version (the current one at learn.microsoft.com: 1.22). */
export const MANIFEST_VERSION = "1.22";

export function buildManifest(input: ManifestInput): Record<string, unknown> {
  const c = manifestInputSchema.parse(input);
  const domains = c.publicBaseUrl ? [new URL(c.publicBaseUrl).host] : [];
  return {
    $schema: `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
    manifestVersion: MANIFEST_VERSION,
    version: c.version,
    id: c.botId,
    developer: {
      name: c.developerName,
      websiteUrl: c.websiteUrl,
      privacyUrl: c.websiteUrl,
      termsOfUseUrl: c.websiteUrl,
    },
    name: { short: c.name, full: `${c.name}: hạn nộp, nhiệm vụ và tiến độ kế hoạch` },
    description: {
      short: "Hỏi hạn nộp báo cáo, cập nhật tiến độ, nhận nhắc hạn.",
      full: "Trợ lý Kế hoạch trả lời câu hỏi về nhiệm vụ và thời hạn trong các kế hoạch, nhận cập nhật tiến độ qua tin nhắn hoặc thẻ, và nhắc việc trước hạn. Câu trả lời luôn kèm trích dẫn văn bản.",
    },
    icons: { color: "color.png", outline: "outline.png" },
    accentColor: "#B71C1C",
    bots: [
      {
        botId: c.botId,
        scopes: ["personal", "team", "groupChat"],
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [
          {
            scopes: ["personal", "team", "groupChat"],
            commands: [
              { title: "giúp", description: "Xem tôi làm được gì" },
              { title: "khi nào nộp báo cáo 6 tháng", description: "Hỏi hạn nộp một báo cáo" },
              { title: "tiến độ", description: "Xem các cập nhật của tôi" },
              { title: "lịch nhắc", description: "Các hạn sắp tới" },
            ],
          },
        ],
      },
    ],
    permissions: ["identity", "messageTeamMembers"],
    validDomains: domains,
  };
}

/** The zip to upload to Teams. */
export async function buildAppPackage(input: ManifestInput): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("manifest.json", JSON.stringify(buildManifest(input), null, 2));
  zip.file("color.png", colorIcon());
  zip.file("outline.png", outlineIcon());
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
