// The progress-update form as an Adaptive Card. Action.Submit sends a message activity whose
// `value` holds the inputs keyed by id, merged with `data` (kind routes it in the core).
import type { UpdateFormMessage } from "../../bot/messages";
import { UPDATE_FORM_KIND } from "../../bot/updates/form-value";

export function updateCard(form: UpdateFormMessage): Record<string, unknown> {
  return {
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    type: "AdaptiveCard",
    version: "1.4",
    body: [
      { type: "TextBlock", text: form.text, wrap: true, weight: "Bolder" },
      {
        type: "Input.ChoiceSet",
        id: "obligation",
        label: "Việc",
        isRequired: form.obligations.length > 0,
        errorMessage: "Chọn một việc",
        choices: form.obligations.map((o) => ({ title: o.label, value: o.id })),
      },
      {
        type: "Input.ChoiceSet",
        id: "status",
        label: "Trạng thái",
        isRequired: true,
        errorMessage: "Chọn trạng thái",
        value: form.statuses[0],
        choices: form.statuses.map((s) => ({ title: s, value: s })),
      },
      { type: "Input.Number", id: "percent", label: "Phần trăm hoàn thành", min: 0, max: 100, placeholder: "0-100" },
      { type: "Input.Text", id: "note", label: "Ghi chú", isMultiline: true, maxLength: 1000 },
    ],
    actions: [{ type: "Action.Submit", title: "Gửi cập nhật", data: { kind: UPDATE_FORM_KIND } }],
  };
}
