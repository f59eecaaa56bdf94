// Progressive enhancement only: without this file the refresh link reloads the form page with a new CAPTCHA.
document.addEventListener("DOMContentLoaded", function () {
  var link = document.getElementById("captcha-refresh");
  var image = document.getElementById("captcha-image");
  if (!link || !image) {
    return;
  }
  link.addEventListener("click", function (event) {
    event.preventDefault();
    image.src = link.getAttribute("data-captcha-refresh") + "?t=" + Date.now();
  });
});
