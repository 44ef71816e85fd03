// Tiny DOM builder. Text always goes in through textContent / text nodes, so
// data from responses (log lines, error details, order items) can never
// become markup: there is no innerHTML anywhere on this page.

/**
 * Creates an element. props: "class", "text", "style" (object), "on<event>"
 * (listener), anything else becomes an attribute (null/undefined skipped).
 * Children may be nodes, strings (added as text) or null (skipped).
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'style') Object.assign(node.style, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

/** A link that opens in a new tab without giving that tab access to this one. */
export function externalLink(href, text) {
  return el('a', { href, target: '_blank', rel: 'noopener noreferrer', text });
}

/** Formats milliseconds as "1.23 ms", "45.6 ms" or "1502 ms": enough precision, no noise. */
export function formatMs(ms) {
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms)} ms`;
}
