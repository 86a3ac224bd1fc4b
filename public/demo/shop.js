// Demo Shop glue: the publisher's own code. Not part of the SDK.
//
// The consent banner below is a stand-in for a real consent manager (CMP). Whatever the CMP, the
// wiring to Replaydesk is the same one call: Replaydesk.setConsent(true | false), made when the
// visitor chooses and again on every page load with the stored choice.
(function () {
  "use strict";

  // The CMP's own record of the visitor's choice (storing a consent choice needs no consent).
  // The Replaydesk SDK itself stores nothing before consent.
  var CHOICE_KEY = "demo-shop.recording-choice";

  // Runs fn once the SDK's loader has run (it is an async script: it may come before or after).
  function withReplaydesk(fn) {
    if (window.Replaydesk) return fn(window.Replaydesk);
    window.addEventListener("replaydesk:ready", function () { fn(window.Replaydesk); }, { once: true });
  }

  function readChoice() {
    try { return window.localStorage.getItem(CHOICE_KEY); } catch { return null; }
  }

  function writeChoice(value) {
    try { window.localStorage.setItem(CHOICE_KEY, value); } catch { /* private mode: ask again next time */ }
  }

  var banner = document.getElementById("consent-banner");
  var current = document.getElementById("consent-current");
  var acceptButton = document.getElementById("consent-accept");
  var refuseButton = document.getElementById("consent-refuse");
  var settingsButton = document.getElementById("privacy-settings");

  function showBanner(moveFocus) {
    var choice = readChoice();
    current.textContent = choice === "granted" ? "Current choice: recording accepted."
      : choice === "refused" ? "Current choice: recording refused." : "";
    banner.hidden = false;
    if (moveFocus) (choice === "granted" ? refuseButton : acceptButton).focus();
  }

  function choose(granted) {
    writeChoice(granted ? "granted" : "refused");
    banner.hidden = true;
    withReplaydesk(function (rd) { rd.setConsent(granted); });
    settingsButton.focus();
  }

  acceptButton.addEventListener("click", function () { choose(true); });
  refuseButton.addEventListener("click", function () { choose(false); });
  settingsButton.addEventListener("click", function () { showBanner(true); });

  var stored = readChoice();
  if (stored === "granted") withReplaydesk(function (rd) { rd.setConsent(true); });
  else if (stored === "refused") withReplaydesk(function (rd) { rd.setConsent(false); });
  else showBanner(false);

  // ---- The shop itself ------------------------------------------------------------------------

  var count = 0;
  var cartCount = document.getElementById("cart-count");
  var cartStatus = document.getElementById("cart-status");
  Array.prototype.forEach.call(document.querySelectorAll("button.add"), function (button) {
    button.addEventListener("click", function () {
      count += 1;
      cartCount.textContent = String(count);
      var name = button.parentElement.querySelector("h3").textContent;
      cartStatus.textContent = name + " added to your cart.";
    });
  });

  document.getElementById("account-form").addEventListener("submit", function (event) {
    event.preventDefault();
    document.getElementById("account-status").textContent = "Account created (demo: nothing was sent).";
  });

  // The recommendation's own example: a customer who cannot validate an order contacts support.
  // The order "fails" with an uncaught error, which the SDK can use as a trigger.
  document.getElementById("checkout-form").addEventListener("submit", function (event) {
    event.preventDefault();
    document.getElementById("checkout-status").textContent =
      "Sorry, we could not validate your order. Use \u201cNeed help?\u201d to contact us.";
    setTimeout(function () { throw new Error("Demo Shop: order validation failed"); }, 0);
  });

  document.getElementById("help-button").addEventListener("click", function () {
    if (!window.Replaydesk) {
      cartStatus.textContent = "Support is not available right now.";
      return;
    }
    window.Replaydesk.openSupport();
  });
})();
