import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AXIS_LOCK_PX, commitDistance, endSwipe, moveSwipe, pullRefreshes, startSwipe, swipeOffset, type Swipe } from "@/lib/dashboard/swipe";

const both = { left: true, right: true };
const drag = (points: [number, number][]): Swipe => points.reduce((s, [x, y]) => moveSwipe(s, x, y), startSwipe(100, 100));

describe("swipe gestures", () => {
  it("a sideways drag past the threshold is a swipe in its direction", () => {
    expect(endSwipe(drag([[115, 102], [180, 105], [240, 104]]), both, 390)).toBe("right");
    expect(endSwipe(drag([[85, 101], [20, 96], [-40, 99]]), both, 390)).toBe("left");
  });

  it("a short drag, a tap and a vertical scroll are not swipes, even if the scroll later drifts sideways", () => {
    expect(endSwipe(drag([[130, 100]]), both, 390)).toBeNull();
    expect(endSwipe(drag([[103, 102]]), both, 390)).toBeNull();
    const scroll = drag([[102, 120], [250, 160]]);
    expect(scroll.axis).toBe("y");
    expect(endSwipe(scroll, both, 390)).toBeNull();
    expect(swipeOffset(scroll, both, 390)).toBe(0);
  });

  it("a direction the row does not offer neither moves the row nor acts", () => {
    const right = drag([[120, 100], [260, 100]]);
    expect(endSwipe(right, { left: true, right: false }, 390)).toBeNull();
    expect(swipeOffset(right, { left: true, right: false }, 390)).toBe(0);
  });

  it("the axis is decided once: below the lock distance it is still open", () => {
    expect(drag([[100 + AXIS_LOCK_PX - 1, 100]]).axis).toBeNull();
    expect(drag([[100 + AXIS_LOCK_PX, 100], [100, 200]]).axis).toBe("x");
  });

  it("the row follows the finger up to the commit point, then resists; it acts exactly past the commit point", () => {
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 400 }), fc.integer({ min: 200, max: 1400 }), (dx, width) => {
        const s = drag([[100 + Math.sign(dx) * AXIS_LOCK_PX, 100], [100 + dx, 100]]);
        const offset = swipeOffset(s, both, width);
        const limit = commitDistance(width);
        expect(Math.abs(offset)).toBeLessThanOrEqual(Math.abs(dx));
        if (Math.abs(dx) <= limit) expect(offset).toBe(dx === 0 ? 0 : dx);
        expect(endSwipe(s, both, width) !== null).toBe(s.axis === "x" && Math.abs(dx) >= limit);
      }),
    );
  });
});

describe("pull to refresh", () => {
  it("refreshes on a long pull down from the top only", () => {
    expect(pullRefreshes(drag([[101, 115], [102, 190]]), true)).toBe(true);
    expect(pullRefreshes(drag([[101, 115], [102, 150]]), true)).toBe(false);
    expect(pullRefreshes(drag([[101, 115], [102, 190]]), false)).toBe(false);
    expect(pullRefreshes(drag([[101, 85], [102, 0]]), true)).toBe(false);
    expect(pullRefreshes(drag([[130, 105], [200, 190]]), true)).toBe(false);
  });
});
