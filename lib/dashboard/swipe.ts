/**
 * Swipe gestures on list rows as pure functions (the React shell is components/ui/use-swipe.ts): a drag first locks to
 * an axis; a horizontal one past the threshold, in a direction the row offers, is the swipe. Vertical drags stay
 * scrolls, short ones are taps.
 */
export type SwipeDirection = "left" | "right";
export type SwipeOffer = { left: boolean; right: boolean };
export type Swipe = { startX: number; startY: number; dx: number; dy: number; axis: "x" | "y" | null };

/** Movement before a drag counts as horizontal or vertical; below it a press is still a tap. */
export const AXIS_LOCK_PX = 10;
/** A swipe commits past this share of the row's width, capped so wide rows need no long drags. */
export const COMMIT_FRACTION = 0.35;
export const COMMIT_MAX_PX = 120;

export function startSwipe(x: number, y: number): Swipe {
  return { startX: x, startY: y, dx: 0, dy: 0, axis: null };
}

export function moveSwipe(s: Swipe, x: number, y: number): Swipe {
  const dx = x - s.startX;
  const dy = y - s.startY;
  if (s.axis) return { ...s, dx, dy };
  if (Math.max(Math.abs(dx), Math.abs(dy)) < AXIS_LOCK_PX) return { ...s, dx, dy };
  // Mostly sideways means a swipe; anything steeper is the page scrolling.
  return { ...s, dx, dy, axis: Math.abs(dx) > Math.abs(dy) * 1.5 ? "x" : "y" };
}

export function commitDistance(width: number): number {
  return Math.min(COMMIT_MAX_PX, Math.max(AXIS_LOCK_PX * 4, width * COMMIT_FRACTION));
}

/** How far the row follows the finger: only sideways, only towards an offered action, with resistance past the commit point. */
export function swipeOffset(s: Swipe, offer: SwipeOffer, width: number): number {
  if (s.axis !== "x") return 0;
  if ((s.dx > 0 && !offer.right) || (s.dx < 0 && !offer.left)) return 0;
  const limit = commitDistance(width);
  const over = Math.abs(s.dx) - limit;
  const dist = over > 0 ? limit + over / 3 : Math.abs(s.dx);
  return Math.sign(s.dx) * dist;
}

/** The action a released drag asks for, or null (not sideways, too short, or a direction the row does not offer). */
export function endSwipe(s: Swipe, offer: SwipeOffer, width: number): SwipeDirection | null {
  if (s.axis !== "x" || Math.abs(s.dx) < commitDistance(width)) return null;
  const direction: SwipeDirection = s.dx > 0 ? "right" : "left";
  return offer[direction] ? direction : null;
}

/** Pull to refresh: how far a downward drag from the very top must go before letting go refreshes the page. */
export const PULL_REFRESH_PX = 80;

/** A pull from the top of the page refreshes when it went down far enough and mostly straight down. */
export function pullRefreshes(s: Swipe, scrolledToTop: boolean): boolean {
  return scrolledToTop && s.axis === "y" && s.dy >= PULL_REFRESH_PX;
}
