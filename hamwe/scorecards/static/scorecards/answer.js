// The score-card answer form on a phone: a progress line, and a draft kept in this browser
// tab (sessionStorage) as the respondent goes, so a dropped connection or a reload loses
// nothing. The draft never leaves the browser: the server keeps nothing of an answer
// until it is sent, and the tab's storage ends with the tab (a shared office computer
// keeps no one's answer). Works without it: the form is plain HTML.
(function () {
  "use strict";
  var form = document.querySelector("form.answer-form");
  if (!form) { return; }
  var key = "hamwe-answer-draft-" + form.dataset.draft;
  var progress = form.querySelector(".answer-progress");
  var total = Number(progress.dataset.total);
  var template = progress.dataset.template || progress.textContent;

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.type !== "submit";
    });
  }
  function answered() {
    return form.querySelectorAll(".score-choices input:checked").length;
  }
  function show() {
    progress.textContent = answered() + " / " + total;
    progress.title = template;
  }
  function save() {
    var draft = {};
    fields().forEach(function (el) {
      if (el.type === "radio") { if (el.checked) { draft[el.name] = el.value; } }
      else if (el.value) { draft[el.name] = el.value; }
    });
    try { sessionStorage.setItem(key, JSON.stringify(draft)); } catch (e) { /* full */ }
    show();
  }
  function restore() {
    var draft;
    try { draft = JSON.parse(sessionStorage.getItem(key) || "{}"); } catch (e) { draft = {}; }
    fields().forEach(function (el) {
      if (!(el.name in draft)) { return; }
      if (el.type === "radio") { el.checked = el.value === draft[el.name]; }
      else if (!el.value) {
        el.value = draft[el.name];
        var words = el.closest("details");
        if (words) { words.open = true; }
      }
    });
  }
  restore();
  show();
  var note = form.querySelector(".draft-note");
  if (note) { note.hidden = false; }
  form.addEventListener("change", save);
  form.addEventListener("input", save);
  form.addEventListener("submit", function () {
    try { sessionStorage.removeItem(key); } catch (e) { /* nothing kept */ }
  });
})();
