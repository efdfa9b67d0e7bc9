// Draws one regionkg view. All article text arrives as JSON data and reaches the page only
// through textContent or vis-network's text labels, never as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("view-data").textContent);
  var details = data.details;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function list(items) {
    var ul = el("ul", "tip-list");
    items.forEach(function (t) { ul.appendChild(el("li", null, t)); });
    return ul;
  }

  // Tooltip: an Element, so vis-network inserts it as a node tree and not as HTML.
  function tooltip(d) {
    var box = el("div");
    box.appendChild(el("div", "tip-title", d.name));
    box.appendChild(el("div", "tip-type", d.type));
    if (d.indicators.length) { box.appendChild(el("div", null, "指标 Indicators")); box.appendChild(list(d.indicators)); }
    if (d.docs.length) { box.appendChild(el("div", null, "来源 Sources")); box.appendChild(list(d.docs)); }
    return box;
  }

  data.nodes.forEach(function (n) { n.title = tooltip(details[n.id]); });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(document.getElementById("network"), { nodes: nodes, edges: edges }, data.options);

  function link(text, href) {
    var a = el("a", null, text);
    a.href = href;
    return a;
  }

  function showCard(id) {
    var d = details[id];
    var card = document.getElementById("card");
    card.replaceChildren();
    function row(term, value) {
      card.appendChild(el("dt", null, term));
      var dd = el("dd");
      if (typeof value === "string") dd.textContent = value; else dd.appendChild(value);
      card.appendChild(dd);
    }
    row("名称 Name", d.name);
    row("类型 Type", d.type);
    if (d.degree !== null) row("关系数 Relations", String(d.degree));
    if (d.indicators.length) row("指标 Indicators", list(d.indicators));
    if (d.docs.length) row("来源 Sources", list(d.docs));
    if (d.card) row("实体卡片 Card", link(d.card_text, d.card));
    if (d.recentre) row("视图 View", link("以此为中心 Re-centre here", d.recentre));
  }

  network.on("click", function (p) { if (p.nodes.length) showCard(p.nodes[0]); });
  network.on("doubleClick", function (p) {
    if (p.nodes.length && details[p.nodes[0]].recentre) window.location.href = details[p.nodes[0]].recentre;
  });

  // Small views settle with a short physics run, then freeze so nodes stop drifting.
  network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); });
  // The first frame drawn is the stable one (stabilisation runs before drawing); tests and
  // benchmarks wait for this flag.
  network.once("afterDrawing", function () {
    window.__vizReady = performance.now();
    document.body.dataset.ready = "true";
  });
  window.__vizNetwork = network;
})();
