// A document page: outline every piece of the span named in the address (#money-2),
// scroll it into view; arrow keys go to the previous and next document.
(function () {
  function mark() {
    for (const el of document.querySelectorAll("mark.target")) el.classList.remove("target");
    const key = decodeURIComponent(location.hash.slice(1));
    if (!key) return;
    const pieces = document.querySelectorAll(`mark[data-spans~="${CSS.escape(key)}"]`);
    pieces.forEach(el => el.classList.add("target"));
    if (!pieces.length) return;
    // the text is a panel of its own beside the tables: scroll it, not the page
    const box = document.querySelector(".doc .text");
    if (box && getComputedStyle(box).position === "sticky") {
      setTimeout(() => window.scrollTo(0, 0));  // after the browser's own jump to the anchor
      box.scrollTop += pieces[0].getBoundingClientRect().top - box.getBoundingClientRect().top - box.clientHeight / 3;
    } else pieces[0].scrollIntoView({block: "center"});
  }
  window.addEventListener("hashchange", mark);
  mark();
  document.addEventListener("keydown", e => {
    if (e.target.closest("input,select,textarea") || e.altKey || e.ctrlKey || e.metaKey) return;
    const rel = e.key === "ArrowLeft" ? "prev" : e.key === "ArrowRight" ? "next" : null;
    const link = rel && document.querySelector(`a[rel=${rel}]`);
    if (link) location.href = link.href;
  });
})();
