/*
 * Pohjola storefront: small progressive enhancements. Every page works without this file.
 * - Filters panel: closed by default on phones (it is open in the HTML).
 * - Product gallery: thumbnails swap the main image instead of opening the file.
 * - Variant picker: one select per attribute (e.g. fabric, colour) that sets the radio; the
 *   price box (price, member price, saving) and the store stock table follow the chosen variant.
 * - Print buttons (the return label).
 */
(function () {
  "use strict";

  function onReady(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  function filtersPanel() {
    var panel = document.getElementById("filters");
    if (!panel || !window.matchMedia) return;
    var phone = window.matchMedia("(max-width: 767.98px)");
    var hasErrors = panel.querySelector(".is-invalid");
    if (phone.matches && !hasErrors) panel.open = false;
    // Say on the closed panel how many filters are on.
    var form = panel.querySelector("form");
    var title = panel.querySelector(".filters__title");
    if (form && title) {
      var active = form.querySelectorAll("input[name=facet]:checked").length;
      ["price_min", "price_max", "store"].forEach(function (name) {
        var field = form.elements[name];
        if (field && field.value) active += 1;
      });
      if (active) {
        var count = document.createElement("span");
        count.className = "filters__count";
        count.textContent = " (" + active + ")";
        title.appendChild(count);
      }
    }
    // On wider screens the panel is always open (its summary is a plain heading there).
    panel.addEventListener("toggle", function () {
      if (!phone.matches && !panel.open) panel.open = true;
    });
  }

  function gallery() {
    document.querySelectorAll("[data-gallery]").forEach(function (root) {
      var main = root.querySelector("[data-gallery-main]");
      var caption = root.querySelector("[data-gallery-caption]");
      var thumbs = root.querySelectorAll("[data-gallery-thumb]");
      if (!main || !thumbs.length) return;
      thumbs.forEach(function (thumb) {
        thumb.addEventListener("click", function (event) {
          event.preventDefault();
          main.src = thumb.getAttribute("href");
          // Responsive renditions (PIM gallery) come with a srcset; a plain picture has none.
          if (thumb.dataset.srcset) main.srcset = thumb.dataset.srcset; else main.removeAttribute("srcset");
          main.alt = thumb.dataset.alt || "";
          if (caption) {
            caption.textContent = thumb.dataset.caption || "";
            caption.hidden = !thumb.dataset.caption;
          }
          thumbs.forEach(function (t) { t.removeAttribute("aria-current"); });
          thumb.setAttribute("aria-current", "true");
        });
      });
    });
  }

  function variantPicker() {
    var picker = document.querySelector("[data-variant-picker]");
    if (!picker) return;
    var radios = Array.prototype.slice.call(picker.querySelectorAll("input[name=child_id]"));
    var selectsBox = picker.querySelector("[data-variant-selects]");
    var list = picker.querySelector("[data-variant-list]");
    var status = picker.querySelector("[data-variant-status]");
    var priceBox = document.querySelector("[data-variant-price]");
    var table = document.querySelector("[data-stock-table]");
    var originalPrice = priceBox ? priceBox.innerHTML : "";

    // Each radio's attribute values, read from the label's spans.
    var attrs = [];   // [{code, name, values: []}] in first-seen order
    var byCode = {};
    var variants = radios.map(function (radio) {
      var label = picker.querySelector("label[for='" + radio.id + "']");
      var values = {};
      label.querySelectorAll("[data-attr-code]").forEach(function (span) {
        var code = span.dataset.attrCode;
        var value = span.textContent.trim();
        values[code] = value;
        if (!byCode[code]) {
          byCode[code] = { code: code, name: span.dataset.attrName || code, values: [] };
          attrs.push(byCode[code]);
        }
        if (byCode[code].values.indexOf(value) === -1) byCode[code].values.push(value);
      });
      var pricing = radio.parentNode.querySelector("template[data-variant-pricing]");
      return {
        radio: radio,
        values: values,
        pricing: pricing ? pricing.innerHTML : "",
        stock: (label.querySelector("[data-stock]") || {}).textContent || "",
        available: radio.dataset.available === "1"
      };
    });

    function findVariant(chosen) {
      return variants.filter(function (v) {
        return attrs.every(function (a) { return v.values[a.code] === chosen[a.code]; });
      })[0];
    }

    var showAll = false;
    var lastVariant = null;
    var toggle = null;
    if (table && picker.dataset.textShowAll) {
      toggle = document.createElement("button");
      toggle.type = "button";
      toggle.className = "btn btn-link stock-table-toggle";
      toggle.setAttribute("aria-pressed", "false");
      toggle.textContent = picker.dataset.textShowAll;
      toggle.addEventListener("click", function () {
        showAll = !showAll;
        toggle.setAttribute("aria-pressed", String(showAll));
        showStockFor(lastVariant);
      });
      table.parentNode.parentNode.insertBefore(toggle, table.parentNode.nextSibling);
    }

    function showStockFor(variant) {
      if (!table) return;
      lastVariant = variant;
      if (toggle) toggle.hidden = !variant;
      var id = variant && !showAll ? variant.radio.value : null;
      var selectedId = variant ? variant.radio.value : null;
      table.querySelectorAll("[data-variant]").forEach(function (cell) {
        cell.hidden = Boolean(id) && cell.dataset.variant !== id;
        cell.classList.toggle("is-selected", cell.dataset.variant === selectedId);
      });
      var note = document.querySelector("[data-stock-filter-note]");
      if (note) {
        if (!note.dataset.original) note.dataset.original = note.textContent;
        note.textContent = id
          ? note.dataset.selectedText.replace("%s", variant.radio.dataset.title ||
              Object.keys(variant.values).map(function (k) { return variant.values[k]; }).join(", "))
          : note.dataset.original;
      }
    }

    var gallery = document.querySelector("[data-gallery]");
    var galleryMain = gallery && gallery.querySelector("[data-gallery-main]");
    var galleryCaption = gallery && gallery.querySelector("[data-gallery-caption]");

    function showImageFor(variant) {
      if (!galleryMain) return;
      var radio = variant && variant.radio;
      if (radio && radio.dataset.image) {
        galleryMain.removeAttribute("srcset");
        galleryMain.src = radio.dataset.image;
        galleryMain.alt = radio.dataset.imageAlt || radio.dataset.title || "";
        if (galleryCaption) { galleryCaption.textContent = radio.dataset.title || ""; galleryCaption.hidden = !radio.dataset.title; }
        gallery.querySelectorAll("[data-gallery-thumb]").forEach(function (t) { t.removeAttribute("aria-current"); });
      }
    }

    function reflect(variant) {
      // The chosen variant's own price, regular price and saving (or "Members pay"), as the
      // server rendered them for this shopper; the product's "from" price when none is chosen.
      if (priceBox) priceBox.innerHTML = variant && variant.pricing ? variant.pricing : originalPrice;
      if (status) {
        status.textContent = variant ? variant.stock.trim().replace(/\s+/g, " ") : (status.dataset.noMatch || "");
        status.className = "variant-picker__status stock " + (variant ? (variant.available ? "stock--in" : "stock--out") : "stock--out");
      }
      showStockFor(variant);
      if (variant) showImageFor(variant);
    }

    // Progressive enhancement only when every variant has the same set of attributes.
    var usable = attrs.length > 0 && attrs.length <= 3 && variants.every(function (v) {
      return attrs.every(function (a) { return v.values[a.code] !== undefined; });
    });

    if (usable && selectsBox) {
      var selects = {};
      attrs.forEach(function (a, index) {
        var wrap = document.createElement("div");
        var id = "variant-attr-" + a.code;
        var label = document.createElement("label");
        label.setAttribute("for", id);
        label.textContent = a.name;
        var select = document.createElement("select");
        select.id = id;
        select.className = "custom-select";
        a.values.forEach(function (value) {
          var option = document.createElement("option");
          option.value = value;
          option.textContent = value;
          select.appendChild(option);
        });
        wrap.appendChild(label);
        wrap.appendChild(select);
        selectsBox.appendChild(wrap);
        selects[a.code] = select;
      });

      function chosen() {
        var out = {};
        attrs.forEach(function (a) { out[a.code] = selects[a.code].value; });
        return out;
      }

      // Mark values that do not exist with the other choices, without hiding them.
      function annotate() {
        var current = chosen();
        attrs.forEach(function (a) {
          Array.prototype.forEach.call(selects[a.code].options, function (option) {
            var probe = Object.assign({}, current);
            probe[a.code] = option.value;
            var v = findVariant(probe);
            var suffix = !v ? picker.dataset.textMissing : (!v.available ? picker.dataset.textUnavailable : "");
            option.textContent = option.value + (suffix ? " – " + suffix : "");
          });
        });
      }

      function sync() {
        var variant = findVariant(chosen());
        radios.forEach(function (r) { r.checked = Boolean(variant) && r === variant.radio; });
        annotate();
        reflect(variant);
      }

      // Start from a checked radio (after a failed submit) or the first variant available online.
      var start = variants.filter(function (v) { return v.radio.checked; })[0] ||
        variants.filter(function (v) { return v.available; })[0] || variants[0];
      attrs.forEach(function (a) { selects[a.code].value = start.values[a.code]; });
      Object.keys(selects).forEach(function (code) {
        selects[code].addEventListener("change", function () {
          // A value that is not made with the other choices: move the others to a variant
          // that has it (one available online when there is one).
          if (!findVariant(chosen())) {
            var value = selects[code].value;
            var candidates = variants.filter(function (v) { return v.values[code] === value; });
            var pick = candidates.filter(function (v) { return v.available; })[0] || candidates[0];
            if (pick) attrs.forEach(function (a) { selects[a.code].value = pick.values[a.code]; });
          }
          sync();
        });
      });

      selectsBox.hidden = false;
      list.hidden = true;
      sync();

      // The radios are hidden now, so the browser cannot point at a missing choice itself.
      var form = picker.closest("form");
      radios.forEach(function (r) { r.required = false; });
      if (form) {
        form.addEventListener("submit", function (event) {
          if (!radios.some(function (r) { return r.checked; })) {
            event.preventDefault();
            reflect(null);
            selects[attrs[0].code].focus();
          }
        });
      }
    } else {
      radios.forEach(function (radio) {
        radio.addEventListener("change", function () {
          reflect(variants.filter(function (v) { return v.radio === radio; })[0]);
        });
      });
      var checked = variants.filter(function (v) { return v.radio.checked; })[0];
      if (checked) reflect(checked);
    }
  }

  /* Live cart: a region marked data-live-cart polls its cart's version (one cheap request with
   * If-None-Match every 1.5 s) and, when the cart has changed elsewhere (a store tablet, the app,
   * another tab), fetches the page again and swaps the region in. It waits while someone is typing
   * in the region, announces the update politely, and reloads the page when access has ended (403). */
  function liveCart() {
    var region = document.querySelector("[data-live-cart]");
    if (!region || !window.fetch || !window.DOMParser) return;
    var url = region.getAttribute("data-version-url");
    var etag = 'W/"cart-v' + region.getAttribute("data-version") + '"';
    var status = document.createElement("p");
    status.className = "sr-only";
    status.setAttribute("aria-live", "polite");
    region.parentNode.insertBefore(status, region);

    function editing() {
      var active = document.activeElement;
      return active && region.contains(active) && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName);
    }

    function refresh() {
      return fetch(window.location.href, { credentials: "same-origin" })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-live-cart]");
          if (!fresh) return;
          region.innerHTML = fresh.innerHTML;
          etag = 'W/"cart-v' + fresh.getAttribute("data-version") + '"';
          status.textContent = region.getAttribute("data-updated-text") || "";
        });
    }

    function poll() {
      fetch(url, { credentials: "same-origin", cache: "no-store", headers: { "If-None-Match": etag } })
        .then(function (response) {
          if (response.status === 403) { window.location.reload(); return null; }
          if (response.status !== 200 || editing()) return null;
          return refresh();
        })
        .catch(function () { /* offline for a moment: the next poll tries again */ })
        .then(function () { window.setTimeout(poll, 1500); });
    }
    window.setTimeout(poll, 1500);
  }

  // Buttons that print the page (a return label); hidden until this script can make them work.
  function printButtons() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  onReady(function () {
    filtersPanel();
    gallery();
    variantPicker();
    liveCart();
    printButtons();
  });
})();
