package dev.traced.order;

/**
 * The body of {@code POST /orders}.
 *
 * @param item what to order, 1..{@value #MAX_ITEM_LENGTH} characters, not blank, on one line
 * @param quantity how many, 1..{@value #MAX_QUANTITY}
 */
public record NewOrder(String item, int quantity) {

  /** Longest accepted item name: {@value}. */
  public static final int MAX_ITEM_LENGTH = 200;

  /** Largest accepted quantity: {@value}. */
  public static final int MAX_QUANTITY = 1000;

  /**
   * Whether the item is present, not blank, short enough and free of control characters and line
   * breaks: a name is one line of text, and whatever later prints it (a log viewer, a terminal, a
   * CSV export) cannot be made to show a forged line by it. Quotes and the like are fine. Its
   * length is counted in Unicode characters, as JSON Schema's {@code maxLength} and PostgreSQL's
   * {@code VARCHAR} count, not in UTF-16 units: an emoji is one character, not two.
   */
  public boolean hasValidItem() {
    return item != null
        && !item.isBlank()
        && item.codePointCount(0, item.length()) <= MAX_ITEM_LENGTH
        && item.codePoints().noneMatch(NewOrder::isControlOrLineBreak);
  }

  /** Whether the quantity is within 1..{@value #MAX_QUANTITY}. */
  public boolean hasValidQuantity() {
    return quantity >= 1 && quantity <= MAX_QUANTITY;
  }

  /**
   * C0 and C1 controls (NUL, CR, LF, ESC, ...), DEL, and Unicode's line and paragraph separators.
   */
  private static boolean isControlOrLineBreak(int codePoint) {
    return Character.isISOControl(codePoint)
        || Character.getType(codePoint) == Character.LINE_SEPARATOR
        || Character.getType(codePoint) == Character.PARAGRAPH_SEPARATOR;
  }

  /** Whether {@code order} asks for the same thing; an idempotent retry must. */
  public boolean sameAs(Order order) {
    return item.equals(order.item()) && quantity == order.quantity();
  }
}
