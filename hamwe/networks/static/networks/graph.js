// Draws the graph page's data with Cytoscape.js (vendored, this page only). The lists
// beside it say the same for phones, readers without JavaScript and screen readers.
(function () {
  "use strict";
  var box = document.getElementById("graph");
  if (!box || typeof cytoscape !== "function" || window.innerWidth < 700) return;
  var colours = {
    home: "#b3261e", cso: "#1f6feb", community: "#2e7d32", private: "#8250df",
    public: "#6e7781", research: "#bf8700", media: "#d4570b", donor: "#0a7f86",
    ingo: "#a40e5c", network: "#f2cc60"
  };
  fetch(box.dataset.src, {credentials: "same-origin"})
    .then(function (r) { return r.json(); })
    .then(function (data) {
      box.classList.add("drawn");
      var big = data.nodes.length > 300;
      var cy = cytoscape({
        container: box,
        elements: {
          nodes: data.nodes.map(function (n) {
            return {data: {id: n[0], label: n[1], sector: n[2]}};
          }),
          edges: data.edges.map(function (e) {
            return {data: {source: e[0], target: e[1], kind: e[2]}};
          })
        },
        // Past a few hundred nodes a force layout stalls a phone-class CPU: the big
        // graph is laid out by degree, and redrawn as a texture while it moves.
        layout: big ? {name: "concentric", concentric: function (n) { return n.degree(); },
                       levelWidth: function () { return 4; }, animate: false}
                    : {name: "cose", animate: false, randomize: false},
        hideEdgesOnViewport: big, textureOnViewport: big, pixelRatio: 1,
        style: [
          {selector: "node", style: {
            "background-color": function (n) { return colours[n.data("sector")] || "#999"; },
            "label": big ? "" : "data(label)", "font-size": 9, "width": 14, "height": 14}},
          {selector: 'node[sector = "network"]', style: {"shape": "round-rectangle",
            "width": 22, "height": 16, "label": "data(label)"}},
          {selector: "edge", style: {"width": 1, "line-color": "#9aa4ad", "curve-style": "haystack"}},
          {selector: 'edge[kind = "among"]', style: {"line-color": "#2e7d32", "width": 2,
            "line-style": "dashed"}},
          {selector: 'edge[kind = "member"]', style: {"line-color": "#d0b04a"}}
        ]
      });
      cy.on("tap", "node", function (e) { e.target.select(); });
    });
})();
