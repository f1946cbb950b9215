// Scoring rows answer 400 (invalid input) and 409 (changed by someone else) with the row and
// its message: let htmx swap those in instead of treating them as errors.
document.addEventListener("htmx:beforeSwap", function (event) {
  var status = event.detail.xhr.status;
  if ((status === 400 || status === 409) && event.detail.elt.closest("[data-swap-errors]")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
