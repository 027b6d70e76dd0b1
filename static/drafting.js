/* Convenience only: the convention form works without this file.
   - the role and financer lists follow the party keys as they are typed;
   - choosing a known organisation fills its kind when none is chosen yet;
   - the financing choice (one period / by year) shows its section at once (without this file,
     the page shows it once sent again: "Afficher", "Calculer" or "Découper par année"). */
(function () {
  "use strict";
  var form = document.querySelector(".convention-form");
  if (!form) { return; }

  function partyKeys() {
    var keys = [];
    form.querySelectorAll("input[name^='parties-'][name$='-key']").forEach(function (input) {
      var key = input.value.trim();
      var name = form.querySelector("[name='" + input.name.replace(/-key$/, "-name") + "']");
      if (key && keys.every(function (k) { return k.key !== key; })) {
        keys.push({ key: key, label: name && name.value.trim() ? key + " — " + name.value.trim() : key });
      }
    });
    return keys;
  }

  function refreshSelects() {
    var keys = partyKeys();
    form.querySelectorAll("select.party-key-select").forEach(function (select) {
      var chosen = select.value;
      var first = select.options[0];
      select.innerHTML = "";
      select.appendChild(first);
      keys.forEach(function (k) {
        var option = new Option(k.label, k.key, false, k.key === chosen);
        select.appendChild(option);
      });
    });
  }

  function fillKind(input) {
    var list = document.getElementById("organisations");
    var kind = form.querySelector("[name='" + input.name.replace(/-name$/, "-kind") + "']");
    if (!list || !kind || kind.value) { return; }
    list.querySelectorAll("option").forEach(function (option) {
      if (option.value === input.value) { kind.value = option.dataset.kind; }
    });
  }

  function follow(event) {
    var name = event.target.name || "";
    if (/^parties-\d+-name$/.test(name)) { fillKind(event.target); }
    if (/^parties-\d+-(key|name)$/.test(name)) { refreshSelects(); }
  }
  function showFinancing() {
    var chosen = form.querySelector("input.financing-mode:checked");
    var byYear = chosen && chosen.value === "periods";
    document.getElementById("single-financing").hidden = byYear;
    document.getElementById("periods").hidden = !byYear;
  }

  form.addEventListener("change", follow);
  form.addEventListener("input", follow);
  form.querySelectorAll("input.financing-mode").forEach(function (radio) {
    radio.addEventListener("change", showFinancing);
  });
})();
