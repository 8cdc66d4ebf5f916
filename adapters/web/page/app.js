// The web chat page: no build step. Text is always set with textContent (never innerHTML).
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const log = $("log"), nameInput = $("name"), textInput = $("text"), sendButton = $("send"), errorBox = $("error");
  nameInput.value = localStorage.getItem("tlkh_name") || "";
  nameInput.addEventListener("change", () => localStorage.setItem("tlkh_name", nameInput.value.trim()));

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function add(li) { log.appendChild(li); li.scrollIntoView({ block: "end" }); return li; }
  function newId() { return (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2)).replace(/[^A-Za-z0-9_-]/g, ""); }

  function renderReply(r) {
    const li = el("li", "bot");
    li.dataset.kind = r.kind;
    if (r.kind === "text") {
      li.appendChild(el("div", "text", r.text));
      for (const c of r.citations) {
        const box = el("div", "citation");
        box.appendChild(el("b", "", c.planTitle + (c.section ? " — " + c.section : "")));
        if (c.quote) box.appendChild(el("span", "", "“" + c.quote + "”"));
        else box.classList.add("compact");
        li.appendChild(box);
      }
      if (r.quickReplies.length) {
        const chips = el("div", "chips");
        for (const q of r.quickReplies) {
          const b = el("button", "", q);
          b.type = "button";
          b.addEventListener("click", () => send({ text: q }));
          chips.appendChild(b);
        }
        li.appendChild(chips);
      }
    } else if (r.kind === "form") {
      li.appendChild(el("div", "text", r.text));
      const f = el("form", "update");
      const ob = el("select"); ob.name = "obligation";
      for (const o of r.obligations) { const op = el("option", "", o.label); op.value = o.id; ob.appendChild(op); }
      const st = el("select"); st.name = "status";
      for (const s of r.statuses) { const op = el("option", "", s); op.value = s; st.appendChild(op); }
      const pc = el("input"); pc.name = "percent"; pc.type = "number"; pc.min = "0"; pc.max = "100"; pc.placeholder = "Phần trăm (0-100)";
      const note = el("textarea"); note.name = "note"; note.placeholder = "Ghi chú";
      const ok = el("button", "", "Gửi cập nhật"); ok.type = "submit";
      if (r.obligations.length) f.appendChild(ob);
      f.append(st, pc, note, ok);
      f.addEventListener("submit", (ev) => {
        ev.preventDefault();
        const value = { kind: "update_form", status: st.value, note: note.value };
        if (r.obligations.length) value.obligation = ob.value;
        if (pc.value !== "") value.percent = pc.value;
        send({ value: value, echo: "Cập nhật: " + st.value + (pc.value ? " " + pc.value + "%" : "") });
      });
      li.appendChild(f);
    } else if (r.kind === "file") {
      li.appendChild(el("div", "text", r.caption));
      const a = el("a", "", "📎 " + r.fileName); a.href = r.url; a.download = r.fileName;
      li.appendChild(a);
    }
    add(li);
  }

  // One id per message, kept across retries: a resend after a network error is the same message
  // for the server, which stores it once. The "Gửi lại" button resends the failed message as is.
  async function send(msg) {
    const name = nameInput.value.trim();
    errorBox.hidden = true;
    if (!name) { errorBox.textContent = "Vui lòng nhập tên của bạn trước khi hỏi."; errorBox.hidden = false; nameInput.focus(); return; }
    localStorage.setItem("tlkh_name", name);
    if (!msg.id) { msg.id = newId(); add(el("li", "me", msg.echo || msg.text)); }
    sendButton.disabled = true;
    try {
      const body = { name: name, text: msg.text || "", id: msg.id };
      if (msg.value) body.value = msg.value;
      const res = await fetch("/api/chat", { method: "POST", headers: { "content-type": "application/json" }, credentials: "same-origin", body: JSON.stringify(body) });
      const data = await res.json().catch(() => ({}));
      if (!res.ok) throw new Error(data.error || ("Lỗi " + res.status));
      for (const r of data.replies) renderReply(r);
    } catch (e) {
      errorBox.textContent = "Không gửi được: " + e.message + " ";
      const retry = el("button", "", "Gửi lại");
      retry.type = "button";
      retry.addEventListener("click", () => send(msg));
      errorBox.appendChild(retry);
      errorBox.hidden = false;
    } finally {
      sendButton.disabled = false;
    }
  }

  $("ask").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const text = textInput.value.trim();
    if (!text) return;
    textInput.value = "";
    send({ text: text });
  });
})();
