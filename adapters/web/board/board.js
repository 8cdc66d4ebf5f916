// The progress board: reads /api/board with the filters, draws the units × tasks matrix, the
// summary, the next 30 days' deadlines and the export link. Text only through textContent.
(function () {
  "use strict";
  var CLASS = { "hoàn thành": "st-done", "đang thực hiện": "st-doing", "vướng mắc": "st-blocked", "chưa bắt đầu": "st-todo" };
  var $ = function (id) { return document.getElementById(id); };
  var params = new URLSearchParams(location.search);

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function fill(select, options, value, keepFirst) {
    while (select.options.length > (keepFirst ? 1 : 0)) select.remove(select.options.length - 1);
    options.forEach(function (o) {
      var opt = el("option", null, o.label);
      opt.value = o.value;
      select.appendChild(opt);
    });
    select.value = value || "";
  }
  function short(s, n) { return s.length > n ? s.slice(0, n - 1) + "…" : s; }

  function draw(d) {
    $("who").textContent = d.viewer.name + (d.viewer.unitName ? " — " + d.viewer.unitName : "") + " (" + ({ admin: "quản trị", coordinator: "cán bộ tổng hợp", member: "thành viên" }[d.viewer.role] || d.viewer.role) + ")";
    fill($("period"), d.periods.map(function (p) { return { value: p.key, label: p.label }; }), d.period, false);
    fill($("plan"), d.plans.map(function (p) { return { value: p.id, label: short(p.title, 80) }; }), params.get("plan") || "", true);
    fill($("unit"), d.unitOptions.map(function (u) { return { value: String(u.id), label: u.name }; }), params.get("unit") || "", true);
    if (d.viewer.role === "member") $("unit").disabled = true;
    var exp = $("export");
    exp.hidden = !d.viewer.canExport;
    exp.href = "/api/board/export?period=" + encodeURIComponent(d.period) + (params.get("plan") ? "&plan=" + encodeURIComponent(params.get("plan")) : "") + "&format=docx";
    $("matrix-title").textContent = "Tiến độ " + d.periodLabel + " theo đơn vị và nhiệm vụ";

    var sum = $("summary");
    sum.textContent = "";
    [["hoàn thành", "Hoàn thành"], ["đang thực hiện", "Đang thực hiện"], ["vướng mắc", "Vướng mắc"], ["chưa cập nhật", "Chưa cập nhật"]].forEach(function (p) {
      var c = el("span", "chip", p[1] + ": " + d.counts[p[0]] + " đơn vị");
      c.dataset.state = p[0];
      sum.appendChild(c);
    });

    var thead = document.querySelector("#matrix thead");
    var tbody = document.querySelector("#matrix tbody");
    thead.textContent = "";
    tbody.textContent = "";
    var hr = el("tr");
    hr.appendChild(el("th", "unit", "Đơn vị"));
    d.tasks.forEach(function (t) {
      var th = el("th", null, short(t.task, 70));
      th.title = t.task;
      th.appendChild(el("span", "due", t.dueText ? "hạn " + t.dueText : "không ghi hạn"));
      hr.appendChild(th);
    });
    thead.appendChild(hr);
    d.rows.forEach(function (r) {
      var tr = el("tr");
      tr.dataset.unit = r.name;
      var u = el("td", "unit", r.name);
      u.appendChild(el("span", "last", r.lastUpdate ? "cập nhật " + r.lastUpdate : "chưa cập nhật lần nào"));
      tr.appendChild(u);
      r.cells.forEach(function (c, i) {
        var td = el("td", "cell");
        td.dataset.task = d.tasks[i].obligationId;
        // One integer per cell (bot/report/board.ts encodeCell): 0 not the unit's task; bits 0-2
        // status index + 1 (0 not reported), bit 3 overdue, bits 5+ percent + 1 (0 none).
        if (!c) {
          td.className = "cell na";
          td.textContent = "—";
          td.title = "Không phải nhiệm vụ của đơn vị";
        } else {
          var st = c & 7, pct = c >> 5;
          var status = st === 0 ? null : d.statuses[st - 1];
          var word = status ? status + (pct !== 0 ? " " + (pct - 1) + "%" : "") : "chưa cập nhật";
          var chip = el("span", "st " + (status ? CLASS[status] : "st-none"), word);
          chip.dataset.status = status || "chưa cập nhật";
          td.appendChild(chip);
          if (c & 8) {
            td.className = "cell overdue";
            td.appendChild(el("br"));
            td.appendChild(el("span", "late", "quá hạn"));
          }
        }
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    if (!d.rows.length) {
      var empty = el("tr");
      var td = el("td", null, "Chưa có đơn vị nào của cơ quan được giao nhiệm vụ trong kỳ này.");
      td.colSpan = d.tasks.length + 1;
      empty.appendChild(td);
      tbody.appendChild(empty);
    }

    var up = $("upcoming");
    up.textContent = "";
    d.upcoming.forEach(function (x) {
      var when = x.daysLeft === 0 ? "hôm nay" : "còn " + x.daysLeft + " ngày";
      // The units responsible: the rows whose cell in the deadline's column has bit 4; a unit that
      // reported the task done is said so.
      var done = d.statuses.indexOf("hoàn thành") + 1;
      var names = d.rows.filter(function (r) { return r.cells[x.task] & 16; }).map(function (r) {
        return r.name + ((r.cells[x.task] & 7) === done ? " (đã hoàn thành)" : "");
      });
      var li = el("li", null, x.dueText + " (" + when + "): " + short(d.tasks[x.task].task, 120) + (names.length ? " — " + names.join(", ") : ""));
      li.dataset.plan = d.tasks[x.task].planId;
      li.dataset.task = d.tasks[x.task].obligationId;
      li.dataset.due = x.lastDay;
      up.appendChild(li);
    });
    if (!d.upcoming.length) up.appendChild(el("li", null, "Không có hạn nào trong 30 ngày tới."));
  }

  function load() {
    $("error").hidden = true;
    fetch("/api/board?" + params.toString(), { credentials: "same-origin" })
      .then(function (res) { return res.json().then(function (body) { return { ok: res.ok, body: body }; }); })
      .then(function (r) {
        if (!r.ok) throw new Error(r.body.error || "Không tải được bảng tiến độ.");
        draw(r.body);
        document.body.dataset.ready = "1";
      })
      .catch(function (err) {
        $("error").textContent = err.message;
        $("error").hidden = false;
        document.body.dataset.ready = "1";
      });
  }

  ["period", "plan", "unit"].forEach(function (id) {
    $(id).addEventListener("change", function () {
      var v = $(id).value;
      if (v) params.set(id, v); else params.delete(id);
      history.replaceState(null, "", "?" + params.toString());
      document.body.dataset.ready = "";
      load();
    });
  });
  load();
})();
