// "Demo Shop": a fake publisher page that embeds the SDK exactly as a third-party site would
// (one async script tag with data-site-key), served by app/demo/shop/route.ts. No inline script
// or style: the page works under `script-src 'self'` (glue in public/demo/shop.js, CSS in
// public/demo/shop.css). Field ids and data-testids are stable: end-to-end tests rely on them.

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

// The Content-Security-Policy the demo is served with: as strict as a careful publisher's.
export const DEMO_SHOP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const PRODUCTS = [
  { id: "mug", name: "Enamel camping mug", price: "12.00" },
  { id: "lamp", name: "Brass desk lamp", price: "48.50" },
  { id: "socks", name: "Merino hiking socks", price: "17.90" },
];

function field(id: string, label: string, attrs: string): string {
  return `<div class="field"><label for="${id}">${label}</label><input id="${id}" name="${id}" data-testid="${id}" ${attrs}></div>`;
}

// siteKey must already be validated (SITE_KEY_PATTERN) by the caller; it is escaped anyway.
export function renderDemoShop(opts: { siteKey: string | null }): string {
  const key = opts.siteKey ? escapeHtml(opts.siteKey) : null;
  const products = PRODUCTS.map(
    (p) => `<li class="product" data-testid="product-${p.id}">
        <h3 data-replay-unmask>${escapeHtml(p.name)}</h3>
        <p class="price" data-replay-unmask>€${p.price}</p>
        <button type="button" class="add" data-product="${p.id}" data-testid="add-${p.id}">Add to cart</button>
      </li>`,
  ).join("\n      ");

  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Demo Shop</title>
  <link rel="stylesheet" href="/vendor/cookieconsent/cookieconsent.css">
  <link rel="stylesheet" href="/demo/shop.css">
  <script src="/vendor/cookieconsent/cookieconsent.umd.js" defer></script>
  <script src="/demo/shop.js" defer></script>
  ${key ? `<script src="/sdk/replaydesk.js" data-site-key="${key}" async></script>` : ""}
</head>
<body>
  <a class="skip" href="#main">Skip to content</a>
  <header class="top">
    <p class="logo" data-replay-unmask>Demo Shop</p>
    <nav aria-label="Main">
      <a href="#products">Products</a>
      <a href="#account">Account</a>
      <a href="#checkout">Checkout</a>
    </nav>
    <p class="cart" data-replay-unmask>Cart: <span id="cart-count" data-testid="cart-count" aria-live="polite">0</span> items</p>
  </header>

  <main id="main">
    ${key ? "" : `<p class="warning" role="alert" data-testid="no-site-key">No site key: add ?siteKey=pk_... to the URL or set DEMO_SITE_KEY. The recorder is not loaded.</p>`}
    <section id="products" aria-labelledby="products-title">
      <h2 id="products-title" data-replay-unmask>Products</h2>
      <ul class="products">
      ${products}
      </ul>
      <p id="cart-status" class="status" data-testid="cart-status" role="status"></p>
    </section>

    <section id="account" aria-labelledby="account-title">
      <h2 id="account-title" data-replay-unmask>Create an account</h2>
      <form id="account-form" data-testid="account-form" novalidate>
        ${field("account-name", "Full name", 'type="text" autocomplete="name"')}
        ${field("account-email", "E-mail", 'type="email" autocomplete="email"')}
        ${field("account-password", "Password", 'type="password" autocomplete="new-password"')}
        <button type="submit" data-testid="account-submit">Create account</button>
        <p id="account-status" class="status" data-testid="account-status" role="status"></p>
      </form>
    </section>

    <section id="checkout" aria-labelledby="checkout-title">
      <h2 id="checkout-title" data-replay-unmask>Checkout</h2>
      <form id="checkout-form" data-testid="checkout-form" novalidate>
        ${field("checkout-name", "Name on the order", 'type="text" autocomplete="name"')}
        ${field("checkout-email", "E-mail", 'type="email" autocomplete="email"')}
        ${field("checkout-address", "Delivery address", 'type="text" autocomplete="street-address"')}
        ${field("payment-reference", "Payment reference (optional)", 'type="text" autocomplete="off"')}
        <fieldset>
          <legend>Payment</legend>
          ${field("card-number", "Card number", 'type="text" inputmode="numeric" autocomplete="cc-number"')}
          ${field("card-cvc", "Security code (CVC)", 'type="text" inputmode="numeric" autocomplete="cc-csc"')}
          ${field("card-expiry", "Expiry (MM/YY)", 'type="text" inputmode="numeric" autocomplete="cc-exp"')}
        </fieldset>
        <button type="submit" data-testid="checkout-submit">Place order</button>
        <p id="checkout-status" class="status" data-testid="checkout-status" role="status"></p>
      </form>
    </section>
  </main>

  <footer class="bottom">
    <button type="button" id="help-button" data-testid="help-button">Need help?</button>
    <button type="button" id="privacy-settings" class="link" data-testid="privacy-settings">Privacy settings</button>
  </footer>

</body>
</html>
`;
}
