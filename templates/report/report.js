(function () {
"use strict";
var D = JSON.parse(document.getElementById("tk-data").textContent);
var L = D.labels, SEV = ["error", "warning", "info"], KIND = ["whole", "span", "point"];
var INVIS = /^[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff]$/;
var $ = function (id) { return document.getElementById(id); };
var rows = D.rows.map(function (r, i) {
  var chars = Array.isArray(r[0]) ? r[0] : Array.from(r[0]);
  var text = chars.join("");
  return {i: i, chars: chars, low: text.toLowerCase(), score: r[1], bytes: r[2], limit: r[3],
          unit: D.units[r[4]], fixed: r.length > 8 ? r[8] : null,
          where: r[5] < 0 ? "<title>" : D.paths[r[5]] + (r[6] == null ? "" : ":" + r[6]),
          short: r[5] < 0 ? "<title>" : D.paths[r[5]].replace(/^.*[\/\\]/, "") +
                 (r[6] == null ? "" : ":" + r[6]),
          probs: r[7].map(function (p) {
            return {r: p[0], s: p[1], a: p[2], b: p[3], m: D.msgs[p[4]], k: KIND[p[5]],
                    fix: p.length > 6 ? p[6] : "", line: p.length > 7 ? p[7] : null};
          })};
});
function num(n) { return n == null ? "\u2014" : String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
function esc(s) {
  return String(s).replace(/[&<>"']/g, function (c) {
    return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
  });
}
function code(c) {
  var n = c.charCodeAt(0), h = n.toString(16);
  return n < 256 ? "\\x" + ("0" + h).slice(-2) : "\\u" + ("000" + h).slice(-4);
}
function vis(chars) {  // chars: array of code points -> escaped HTML with visible controls
  var out = "";
  for (var i = 0; i < chars.length; i++) {
    var c = chars[i];
    out += (c.length === 1 && INVIS.test(c)) ? '<span class="cc">' + code(c) + "</span>" : esc(c);
  }
  return out;
}
function plain(s) {  // attribute text: controls as \xNN
  var chars = Array.from(String(s)), out = "";
  for (var i = 0; i < chars.length; i++) {
    var c = chars[i];
    out += (c.length === 1 && INVIS.test(c)) ? code(c) : c;
  }
  return esc(out);
}
function visText(s) { return vis(Array.from(String(s))); }
function tip(p) { var R = D.rules[p.r]; return "[" + R[1] + " " + R[0] + "] " + p.m; }
function titleHtml(row) {
  var n = row.chars.length, spans = [], points = {}, cuts = {0: 1}, i;
  cuts[n] = 1;
  row.probs.forEach(function (p) {
    if (p.k === "span") { spans.push(p); cuts[p.a] = 1; cuts[p.b] = 1; }
    else if (p.k === "point") { (points[p.a] = points[p.a] || []).push(p); cuts[p.a] = 1; }
  });
  var cs = Object.keys(cuts).map(Number).sort(function (x, y) { return x - y; }), out = "";
  for (i = 0; i < cs.length; i++) {
    var a = cs[i];
    (points[a] || []).forEach(function (p) {
      out += '<span class="pt sev-' + SEV[p.s] + '" title="' + plain(tip(p)) + '"></span>';
    });
    if (i + 1 === cs.length) break;
    var b = cs[i + 1], cover = spans.filter(function (p) { return p.a <= a && p.b >= b; });
    var text = vis(row.chars.slice(a, b));
    if (cover.length) {
      var worst = Math.min.apply(null, cover.map(function (p) { return p.s; }));
      out += '<mark class="hl sev-' + SEV[worst] + '" title="' +
             plain(cover.map(tip).join("\n")) + '">' + text + "</mark>";
    } else out += text;
  }
  return out;
}
function pos(p) {
  if (p.line != null) return L.line.replace("{k}", p.line);
  if (p.k === "whole") return L.whole;
  if (p.k === "point") return L.at.replace("{k}", p.a);
  return p.b === p.a + 1 ? String(p.a + 1) : (p.a + 1) + "\u2013" + p.b;
}
function rowHtml(row) {
  var probs = row.probs.length ? row.probs.map(function (p) {
    var R = D.rules[p.r], sev = SEV[p.s];
    return '<li class="p sev-' + sev + '"><span class="sev">' + esc(L[sev]) + "</span><code>" +
      visText(R[1]) + '</code><span class="rule">' + visText(R[0]) + '</span><span class="pos">' +
      esc(pos(p)) + '</span><span class="msg">' + visText(p.m) +
      (p.fix ? ' <span class="fix">' + visText(p.fix) + "</span>" : "") + "</span></li>";
  }).join("") : '<li class="none">' + esc(L.no_problems) + "</li>";
  var unit = row.unit === "gbk" ? L.bytes : L.chars;
  var size = row.limit ? num(row.bytes) + "/" + num(row.limit) + " " + unit : num(row.bytes) + " " + unit;
  var sc = Math.max(0, Math.min(100, row.score | 0));
  return '<article class="row" data-testid="title-row" data-index="' + row.i + '" data-score="' +
    esc(row.score) + '"><div class="sc"><b>' + esc(row.score) + '</b><i style="width:' + sc +
    '%"></i></div><div class="body"><div class="t">' + titleHtml(row) + '</div><ul class="probs">' +
    probs + "</ul>" + (row.fixed != null ? '<div class="fixed">' + esc(L.fixed) + visText(row.fixed) +
    "</div>" : "") + '</div><div class="side"><span class="size">' + esc(size) +
    '</span><span class="loc" title="' + plain(row.where) + '">' + visText(row.short) +
    "</span></div></article>";
}

var state = {rule: "", severity: "", q: "", sort: ""}, current = [], shown = 0;
var ruleIx = {};
D.rules.forEach(function (r, i) { ruleIx[r[0]] = i; });
var list = $("title-list"), more = $("more");

function matches(row, ri, si, q) {
  if (q && row.low.indexOf(q) < 0) return false;
  if (si === 3) return row.probs.length === 0 && ri < 0;
  if (ri < 0 && si < 0) return true;
  for (var k = 0; k < row.probs.length; k++) {
    var p = row.probs[k];
    if ((ri < 0 || p.r === ri) && (si < 0 || p.s === si)) return true;
  }
  return false;
}
function apply() {
  var ri = state.rule in ruleIx ? ruleIx[state.rule] : -1;
  var si = state.severity === "none" ? 3 : SEV.indexOf(state.severity);
  var q = state.q.toLowerCase(), sev = [0, 0, 0], perRule = D.rules.map(function () { return 0; });
  current = [];
  rows.forEach(function (row) {
    var qok = !q || row.low.indexOf(q) >= 0;
    if (qok && si !== 3) row.probs.forEach(function (p) { if (si < 0 || p.s === si) perRule[p.r]++; });
    if (!matches(row, ri, si, q)) return;
    current.push(row);
    row.probs.forEach(function (p) {
      if ((ri < 0 || p.r === ri) && (si < 0 || p.s === si)) sev[p.s]++;
    });
  });
  if (state.sort === "score") current.sort(function (x, y) { return x.score - y.score || x.i - y.i; });
  else if (state.sort === "-score") current.sort(function (x, y) { return y.score - x.score || x.i - y.i; });
  $("f-titles").textContent = num(current.length);
  $("f-problems").textContent = num(sev[0] + sev[1] + sev[2]);
  $("f-errors").textContent = num(sev[0]);
  $("f-warnings").textContent = num(sev[1]);
  $("f-infos").textContent = num(sev[2]);
  document.querySelectorAll("tr[data-rule]").forEach(function (tr) {
    var i = ruleIx[tr.getAttribute("data-rule")];
    tr.querySelector(".rf").textContent = num(perRule[i]);
    tr.classList.toggle("on", i === ri);
  });
  list.setAttribute("data-total", String(current.length));
  list.innerHTML = "";
  shown = 0;
  renderMore();
}
function renderMore() {
  var next = current.slice(shown, shown + D.chunk);
  if (!current.length) list.innerHTML = '<div class="empty">' + esc(L.nothing) + "</div>";
  else list.insertAdjacentHTML("beforeend", next.map(rowHtml).join(""));
  shown += next.length;
  list.setAttribute("data-shown", String(shown));
  var left = current.length - shown;
  more.hidden = left <= 0;
  more.textContent = L.more.replace("{n}", Math.min(left, D.chunk)) + " \u00b7 " +
    L.shown.replace("{a}", num(shown)).replace("{b}", num(current.length));
}
function readHash() {
  var s = {rule: "", severity: "", q: "", sort: ""};
  location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
    var i = kv.indexOf("=");
    if (i < 0) return;
    var k = decodeURIComponent(kv.slice(0, i)), v;
    try { v = decodeURIComponent(kv.slice(i + 1).replace(/\+/g, " ")); } catch (e) { return; }
    if (k in s) s[k] = v;
  });
  if (!(s.rule in ruleIx)) s.rule = "";
  if (SEV.indexOf(s.severity) < 0 && s.severity !== "none") s.severity = "";
  if (s.sort !== "score" && s.sort !== "-score") s.sort = "";
  return s;
}
function writeHash() {
  var parts = [];
  ["rule", "severity", "q", "sort"].forEach(function (k) {
    if (state[k]) parts.push(k + "=" + encodeURIComponent(state[k]));
  });
  try { history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname + location.search); }
  catch (e) { /* some file:// setups refuse; the filter still works */ }
}
function syncControls() {
  $("f-rule").value = state.rule; $("f-sev").value = state.severity;
  $("f-q").value = state.q; $("f-sort").value = state.sort;
}
function set(k, v, scroll) {
  state[k] = v; syncControls(); writeHash(); apply();
  if (scroll) $("all").scrollIntoView({behavior: "smooth", block: "start"});
}
$("f-rule").addEventListener("change", function (e) { set("rule", e.target.value); });
$("f-sev").addEventListener("change", function (e) { set("severity", e.target.value); });
$("f-sort").addEventListener("change", function (e) { set("sort", e.target.value); });
var timer = null;
$("f-q").addEventListener("input", function (e) {
  clearTimeout(timer);
  timer = setTimeout(function () { set("q", e.target.value); }, 150);
});
$("f-reset").addEventListener("click", function () {
  state = {rule: "", severity: "", q: "", sort: ""}; syncControls(); writeHash(); apply();
});
document.querySelectorAll("tr[data-rule]").forEach(function (tr) {
  var go = function () {
    var r = tr.getAttribute("data-rule");
    set("rule", state.rule === r ? "" : r, state.rule !== r);
  };
  tr.addEventListener("click", go);
  tr.addEventListener("keydown", function (e) { if (e.key === "Enter") go(); });
});
document.querySelectorAll(".lg[data-sev]").forEach(function (b) {
  b.addEventListener("click", function () {
    var v = b.getAttribute("data-sev");
    set("severity", state.severity === v ? "" : v, state.severity !== v);
  });
});
more.addEventListener("click", renderMore);
function nearEnd() {
  return shown > 0 && shown < current.length &&
    $("sentinel").getBoundingClientRect().top < window.innerHeight + 800;
}
var pending = false;
function onScroll() {  // draw the next chunks once the end of the list comes near
  if (pending) return;
  pending = true;
  setTimeout(function () { pending = false; while (nearEnd()) renderMore(); }, 60);
}
window.addEventListener("scroll", onScroll, {passive: true});
window.addEventListener("resize", onScroll);
window.addEventListener("hashchange", function () { state = readHash(); syncControls(); apply(); });
state = readHash(); syncControls(); apply();
document.documentElement.setAttribute("data-ready-ms", String(Math.round(performance.now())));
})();
