package dev.traced.order;

/**
 * The body of {@code POST /orders}.
 *
 * @param item what to order, 1..{@value #MAX_ITEM_LENGTH} characters, not blank
 * @param quantity how many, 1..{@value #MAX_QUANTITY}
 */
public record NewOrder(String item, int quantity) {

  /** Longest accepted item name: {@value}. */
  public static final int MAX_ITEM_LENGTH = 200;

  /** Largest accepted quantity: {@value}. */
  public static final int MAX_QUANTITY = 1000;

  /** Whether the item is present, not blank and short enough. */
  public boolean hasValidItem() {
    return item != null && !item.isBlank() && item.length() <= MAX_ITEM_LENGTH;
  }

  /** Whether the quantity is within 1..{@value #MAX_QUANTITY}. */
  public boolean hasValidQuantity() {
    return quantity >= 1 && quantity <= MAX_QUANTITY;
  }

  /** Whether {@code order} asks for the same thing; an idempotent retry must. */
  public boolean sameAs(Order order) {
    return item.equals(order.item()) && quantity == order.quantity();
  }
}
