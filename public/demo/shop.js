// Demo Shop glue: the publisher's own code. Not part of the SDK.
//
// The consent banner is vanilla-cookieconsent, a consent manager (CMP) publishers already use.
// Whatever the CMP, the wiring to Replaydesk is the same one call: Replaydesk.setConsent(true |
// false), made when the visitor chooses and again on every page load with the stored choice.
(function () {
  "use strict";

  // The consent manager is vanilla-cookieconsent (MIT), served from this site like any publisher
  // would. It keeps the visitor's choice in its own cookie; the Replaydesk SDK stores nothing before
  // consent. Giving and withdrawing go through the same call, on every page load too.
  var CATEGORY = "support_recording";

  // Runs fn once the SDK's loader has run (it is an async script: it may come before or after).
  function withReplaydesk(fn) {
    if (window.Replaydesk) return fn(window.Replaydesk);
    window.addEventListener("replaydesk:ready", function () { fn(window.Replaydesk); }, { once: true });
  }
  var settingsButton = document.getElementById("privacy-settings");

  // The version of the banner text the visitor answered: the proof of consent keeps it.
  var BANNER_VERSION = "demo-shop-banner-2026-11";

  function syncRecording() {
    var granted = window.CookieConsent.acceptedCategory(CATEGORY);
    withReplaydesk(function (rd) {
      var tag = document.querySelector("script[data-site-key]");
      if (tag) rd.init({ siteKey: tag.getAttribute("data-site-key"), bannerVersion: BANNER_VERSION });
      rd.setConsent(granted);
    });
  }

  // Stable hooks for the end-to-end tests on the CMP's own buttons ("consent-accept" in the banner,
  // "prefs-refuse" in the preferences dialog, ...).
  function tagButtons(modal, prefix) {
    var tags = { all: "accept", necessary: "refuse", show: "more", save: "save" };
    Object.keys(tags).forEach(function (role) {
      var button = modal.querySelector('[data-role="' + role + '"]');
      if (button) button.setAttribute("data-testid", prefix + "-" + tags[role]);
    });
  }

  var PURPOSE = "Demo Shop uses trackers (user journey recording tools) to reproduce the session(s) of certain users " +
    "who have encountered a problem while browsing the site, in order to respond to requests that the Demo Shop teams may receive.";
  var DETAILS = "Only recordings linked to a support request are kept, for a few hours. Passwords and payment details " +
    "are never recorded; other personal data is masked. You can change your choice at any time with \u201cPrivacy settings\u201d at the bottom of the page.";

  window.CookieConsent.run({
    cookie: { name: "demo_shop_consent", expiresAfterDays: 182 },
    // The CMP hides itself from automated browsers by default; the demo must ask everyone.
    hideFromBots: false,
    // Accepting and refusing are equally easy: same size, same prominence.
    guiOptions: { consentModal: { layout: "box", position: "bottom right", equalWeightButtons: true }, preferencesModal: { layout: "box", equalWeightButtons: true } },
    categories: { necessary: { enabled: true, readOnly: true }, support_recording: {} },
    onConsent: syncRecording,
    onChange: syncRecording,
    onModalReady: function (event) {
      var prefix = event.modalName === "consentModal" ? "consent" : "prefs";
      tagButtons(event.modal, prefix);
      event.modal.setAttribute("data-testid", prefix === "consent" ? "consent-banner" : "privacy-preferences");
    },
    language: {
      default: "en",
      translations: {
        en: {
          consentModal: {
            title: "Your choice about session recording",
            description: PURPOSE + " " + DETAILS,
            acceptAllBtn: "Accept",
            acceptNecessaryBtn: "Refuse",
            showPreferencesBtn: "Details",
          },
          preferencesModal: {
            title: "Privacy settings",
            acceptAllBtn: "Accept",
            acceptNecessaryBtn: "Refuse",
            savePreferencesBtn: "Save my choice",
            closeIconLabel: "Close",
            sections: [
              { title: "Strictly necessary", description: "The shop's own cookies (cart, this consent choice).", linkedCategory: "necessary" },
              { title: "Support and assistance (session recording)", description: PURPOSE + " " + DETAILS, linkedCategory: CATEGORY },
            ],
          },
        },
      },
    },
  });

  settingsButton.addEventListener("click", function () { window.CookieConsent.showPreferences(); });

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
