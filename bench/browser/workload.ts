// The publisher's own page code during the scripted session (served to /demo/shop by the bench,
// identical in every variant): it grows the demo shop to a ~300-element page (a catalogue and a
// "recently viewed" list) and keeps changing the DOM the way shops do (stock counters, highlights,
// lists that gain and lose items), so that the recorders have mutations to observe.
const WORDS = "enamel brass merino canvas walnut linen copper wool cedar slate".split(" ");

function catalogue(): HTMLElement {
  const section = document.createElement("section");
  section.id = "catalogue";
  const title = document.createElement("h2");
  title.textContent = "More products";
  title.setAttribute("data-replay-unmask", "");
  const list = document.createElement("ul");
  list.className = "products";
  for (let i = 0; i < 36; i++) {
    const item = document.createElement("li");
    item.className = "product";
    const name = document.createElement("h3");
    name.setAttribute("data-replay-unmask", "");
    name.textContent = `${WORDS[i % WORDS.length]} ${WORDS[(i * 3) % WORDS.length]} no. ${i + 1}`;
    const price = document.createElement("p");
    price.className = "price";
    price.setAttribute("data-replay-unmask", "");
    price.textContent = `€${(9 + ((i * 7.3) % 90)).toFixed(2)}`;
    const stock = document.createElement("p");
    stock.className = "stock";
    stock.textContent = `${(i * 13) % 40} left in stock`;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "more";
    button.textContent = "Add to cart";
    item.append(name, price, stock, button);
    list.append(item);
  }
  section.append(title, list);
  return section;
}

function recent(): HTMLUListElement {
  const aside = document.createElement("aside");
  const title = document.createElement("h2");
  title.textContent = "Recently viewed";
  const list = document.createElement("ul");
  list.id = "recent";
  aside.append(title, list);
  document.querySelector("main")?.append(aside);
  return list;
}

function start(): void {
  document.querySelector("main")?.append(catalogue());
  const list = recent();
  const stocks = Array.from(document.querySelectorAll<HTMLElement>("#catalogue .stock"));
  const products = Array.from(document.querySelectorAll<HTMLElement>("#catalogue .product"));
  let tick = 0;
  window.setInterval(() => {
    tick += 1;
    const stock = stocks[tick % stocks.length];
    if (stock) stock.textContent = `${(tick * 7) % 40} left in stock`;
    products.forEach((p, i) => p.classList.toggle("highlighted", i === tick % products.length));
    if (tick % 3 === 0) {
      const item = document.createElement("li");
      item.textContent = `${WORDS[tick % WORDS.length]} ${WORDS[(tick * 7) % WORDS.length]}`;
      list.prepend(item);
      if (list.children.length > 8) list.lastElementChild?.remove();
    }
  }, 1000);
  document.addEventListener("click", (event) => {
    const button = (event.target as Element | null)?.closest("button.more");
    const card = button?.closest(".product");
    if (card) card.classList.add("in-cart");
  });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
