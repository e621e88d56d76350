import { expect } from 'vitest';

/**
 * Asserts that a user can see `element`: it is in the document, and neither it nor an ancestor is `hidden`,
 * `aria-hidden`, `display: none`, `visibility: hidden` or inside a closed `<details>` (its summary aside). Text queries
 * (`getByText`, `getByLabelText`) also find hidden elements, so finding one proves only that it exists.
 */
export function expectVisible<T extends Element>(element: T): T {
  expect(element.isConnected, 'in the document').toBe(true);
  for (let el: Element | null = element; el; el = el.parentElement) {
    const what = `<${el.tagName.toLowerCase()}> around "${element.textContent?.slice(0, 40) ?? ''}"`;
    expect(el.hasAttribute('hidden'), `${what} is hidden`).toBe(false);
    expect(el.getAttribute('aria-hidden'), `${what} is aria-hidden`).not.toBe('true');
    const style = getComputedStyle(el);
    expect(style.display, `${what} has display: none`).not.toBe('none');
    expect(['hidden', 'collapse'], `${what} is invisible`).not.toContain(style.visibility);
    const parent = el.parentElement;
    if (parent instanceof HTMLDetailsElement && el.tagName !== 'SUMMARY')
      expect(parent.open, `${what} is inside a closed <details>`).toBe(true);
  }
  return element;
}
