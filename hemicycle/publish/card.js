// The data card's only script, inlined into index.html: copy buttons for the snippets.
document.querySelectorAll("button.copy").forEach(function (button) {
  var code = document.getElementById(button.dataset.target);
  var status = button.nextElementSibling;
  button.hidden = false;
  button.addEventListener("click", function () {
    function select() {
      var range = document.createRange();
      range.selectNodeContents(code);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      status.textContent = "Selected: press Ctrl+C to copy";
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(code.textContent).then(function () {
        status.textContent = "Copied";
      }, select);
    } else {
      select();
    }
  });
});
