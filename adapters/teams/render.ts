// OutgoingMessage -> Teams activities: text with citation lines, the update form as an Adaptive
// Card, a file as a signed download link, quick replies as buttons that send their text.
import { CardFactory, MessageFactory, type Activity, type CardAction } from "botbuilder";
import type { FileMessage, OutgoingMessage } from "../../bot/messages";
import { citationLine, citationsToShow } from "../plain-text";
import { updateCard } from "./update-card";

export interface RenderOptions {
  /** Suggested actions show only in personal chats; elsewhere quick replies become card buttons. */
  personal: boolean;
  /** Stores the file and returns its download URL. */
  link(file: FileMessage): Promise<string>;
}

/** Teams markdown needs a blank line for a line break. */
function paragraphs(lines: string[]): string {
  return lines.join("\n\n");
}

function imBack(text: string): CardAction {
  return { type: "imBack", title: text, value: text };
}

export async function renderForTeams(msg: OutgoingMessage, opts: RenderOptions): Promise<Partial<Activity>> {
  switch (msg.kind) {
    case "text": {
      const text = paragraphs([msg.text, ...citationsToShow(msg).map((c) => `_${citationLine(c)}_`)]);
      const replies = msg.quickReplies ?? [];
      if (replies.length === 0) return MessageFactory.text(text);
      if (opts.personal) return MessageFactory.suggestedActions(replies.map(imBack), text);
      return MessageFactory.attachment(CardFactory.heroCard("", text, undefined, replies.map(imBack)));
    }
    case "update_form":
      return MessageFactory.attachment(CardFactory.adaptiveCard(updateCard(msg)), msg.text);
    case "file": {
      const url = await opts.link(msg);
      const text = paragraphs([msg.caption, `[📎 ${msg.fileName}](${url})`]);
      const card = CardFactory.heroCard(msg.fileName, msg.caption, undefined, [
        { type: "openUrl", title: "Tải về", value: url },
      ]);
      const activity = MessageFactory.attachment(card, text);
      return activity;
    }
  }
}
