// The search page: Pagefind's interface, in Arabic and right to left. Queries are folded with the
// same table the build used for the index (alef forms, ى/ي, ة/ه, diacritics, tatweel, digits), so any
// spelling finds the article. The query of the header's search box (?q=) is searched at once.
(function () {
  var table = JSON.parse(document.getElementById("fold-table").textContent);
  function fold(s) {
    var out = "";
    for (var i = 0; i < s.length; i++) out += table[s[i]] !== undefined ? table[s[i]] : s[i];
    return out.toLowerCase();
  }
  var ui = new PagefindUI({
    element: "#search",
    showImages: false,
    showSubResults: false,
    resetStyles: false,
    processTerm: fold,
    translations: { placeholder: "ابحث في الأرشيف" },
  });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) ui.triggerSearch(q);
})();
