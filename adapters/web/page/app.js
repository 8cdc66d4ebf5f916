// The web chat page: no build step. Text is always set with textContent (never innerHTML).
// Parts: the first screen (welcome), drawing replies (text, form, file), and sending (send →
// postChat), so the message id and retries live in one place.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const log = $("log"), scroller = $("scroller"), nameInput = $("name"), textInput = $("text"), sendButton = $("send"), errorBox = $("error");
  nameInput.value = localStorage.getItem("tlkh_name") || "";
  nameInput.addEventListener("change", () => localStorage.setItem("tlkh_name", nameInput.value.trim()));

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function newId() { return (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2)).replace(/[^A-Za-z0-9_-]/g, ""); }

  /** Shows new items (first..last): whole when they fit, else from the first one's start (the fact comes first). */
  function show(first, last) {
    const box = scroller.getBoundingClientRect();
    const top = first.getBoundingClientRect().top - box.top + scroller.scrollTop;
    const bottom = (last || first).getBoundingClientRect().bottom - box.top + scroller.scrollTop;
    if (bottom - top > scroller.clientHeight - 16) scroller.scrollTop = top - 8;
    else scroller.scrollTop = Math.max(scroller.scrollTop, bottom - scroller.clientHeight + 12);
  }
  function add(li) { log.appendChild(li); show(li); return li; }

  // ---- the first screen ----
  function chip(text) {
    const b = el("button", "", text);
    b.type = "button";
    b.addEventListener("click", () => send({ text: text }));
    return b;
  }
  async function loadWelcome() {
    try {
      const res = await fetch("/api/welcome", { credentials: "same-origin" });
      if (!res.ok) return;
      const w = await res.json();
      $("greeting").textContent = w.greeting;
      const list = $("plans");
      list.replaceChildren();
      for (const p of w.plans) {
        const li = el("li", p.state, p.title + " ");
        li.appendChild(el("span", "state", "— " + p.label));
        list.appendChild(li);
      }
      if (!w.plans.length) list.appendChild(el("li", "", "Chưa có kế hoạch nào được nạp."));
      const ex = $("examples");
      ex.replaceChildren(...w.examples.map(chip));
    } catch (e) { /* the static greeting stays */ }
  }

  // ---- replies ----
  function renderText(li, r) {
    li.appendChild(el("div", "text", r.text));
    if (r.citations.length) {
      const d = el("details", "sources");
      d.appendChild(el("summary", "", "Nguồn (" + r.citations.length + ")"));
      for (const c of r.citations) {
        const box = el("div", "citation");
        box.appendChild(el("b", "", c.planTitle + (c.section ? " — " + c.section : "")));
        if (c.quote) box.appendChild(el("span", "", "“" + c.quote + "”"));
        else box.classList.add("compact");
        d.appendChild(box);
      }
      li.appendChild(d);
    }
    if (r.quickReplies.length) {
      const chips = el("div", "chips");
      for (const q of r.quickReplies) chips.appendChild(chip(q));
      li.appendChild(chips);
    }
  }
  function field(label, control) {
    const l = el("label", "", label);
    l.appendChild(control);
    return l;
  }
  function select(name, options) {
    const s = el("select"); s.name = name;
    for (const o of options) { const op = el("option", "", o.label); op.value = o.id; s.appendChild(op); }
    return s;
  }
  function renderForm(li, r) {
    li.appendChild(el("div", "text", r.text));
    const f = el("form", "update");
    const ob = select("obligation", r.obligations);
    const pe = select("period", r.periods || []);
    const st = select("status", r.statuses.map((s) => ({ id: s, label: s })));
    const pc = el("input"); pc.name = "percent"; pc.type = "number"; pc.min = "0"; pc.max = "100"; pc.inputMode = "numeric";
    const note = el("textarea"); note.name = "note";
    const ok = el("button", "", "Gửi cập nhật"); ok.type = "submit";
    if (r.obligations.length) f.appendChild(field("Việc cần cập nhật", ob));
    if (pe.options.length) f.appendChild(field("Kỳ báo cáo", pe));
    f.append(field("Tình trạng", st), field("Phần trăm hoàn thành (0–100)", pc), field("Ghi chú", note), ok);
    f.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const value = { kind: "update_form", status: st.value, note: note.value };
      if (r.obligations.length) value.obligation = ob.value;
      if (pe.options.length) value.period = pe.value;
      if (pc.value !== "") value.percent = pc.value;
      const period = pe.options.length ? " — " + pe.selectedOptions[0].textContent : "";
      send({ value: value, echo: "Cập nhật: " + st.value + (pc.value ? " " + pc.value + "%" : "") + period });
    });
    li.appendChild(f);
  }
  function renderFile(li, r) {
    li.appendChild(el("div", "text", r.caption));
    const a = el("a", "", "📎 Tải về " + r.fileName); a.href = r.url; a.download = r.fileName;
    li.appendChild(a);
  }
  function renderReply(r) {
    const li = el("li", "bot");
    li.dataset.kind = r.kind;
    if (r.kind === "text") renderText(li, r);
    else if (r.kind === "form") renderForm(li, r);
    else if (r.kind === "file") renderFile(li, r);
    return li;
  }

  // One id per message, kept across retries: a resend after a network error is the same message
  // for the server, which stores it once. The "Gửi lại" button resends the failed message as is.
  // ---- sending ----
  async function postChat(body) {
    const res = await fetch("/api/chat", { method: "POST", headers: { "content-type": "application/json" }, credentials: "same-origin", body: JSON.stringify(body) });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(data.error || ("Lỗi " + res.status));
    return data.replies;
  }
  function fail(text, focus) {
    errorBox.textContent = text;
    errorBox.hidden = false;
    if (focus) focus.focus();
  }

  /** Sends one message; false when it could not be sent (then nothing typed is lost). */
  async function send(msg) {
    const name = nameInput.value.trim();
    errorBox.hidden = true;
    if (!name) { fail("Vui lòng nhập tên của bạn trước khi hỏi.", nameInput); return false; }
    localStorage.setItem("tlkh_name", name);
    // One id per message, kept across retries: the server stores a resent message once.
    if (!msg.id) { msg.id = newId(); add(el("li", "me", msg.echo || msg.text)); }
    const waiting = add(el("li", "bot waiting", "Đang trả lời…"));
    waiting.setAttribute("role", "status");
    sendButton.disabled = true;
    const body = { name: name, text: msg.text || "", id: msg.id };
    if (msg.value) body.value = msg.value;
    try {
      const replies = await postChat(body);
      waiting.remove();
      let first = null, last = null;
      for (const r of replies) { last = renderReply(r); log.appendChild(last); first = first || last; }
      if (first) show(first, last);
      return true;
    } catch (e) {
      waiting.remove();
      fail("Không gửi được: " + e.message + " ");
      const retry = el("button", "", "Gửi lại");
      retry.type = "button";
      retry.addEventListener("click", () => send(msg));
      errorBox.appendChild(retry);
      return false;
    } finally {
      sendButton.disabled = false;
    }
  }

  $("ask").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const text = textInput.value.trim();
    if (!text) return;
    if (!nameInput.value.trim()) { fail("Vui lòng nhập tên của bạn trước khi hỏi.", nameInput); return; }
    textInput.value = "";
    if (!(await send({ text: text })) && !textInput.value) textInput.value = text;
  });

  loadWelcome();
})();
