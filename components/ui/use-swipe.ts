"use client";
import { useRef, useState, type PointerEvent as ReactPointerEvent, type MouseEvent as ReactMouseEvent } from "react";
import { endSwipe, moveSwipe, startSwipe, swipeOffset, type Swipe, type SwipeDirection, type SwipeOffer } from "@/lib/dashboard/swipe";

/**
 * The React shell around lib/dashboard/swipe: spread `handlers` and `style` on a row. Touch and pen only (a mouse
 * drag selects text); every swipe action has a visible button too. A click right after a swipe is swallowed.
 */
export function useSwipe(offer: SwipeOffer, onSwipe: (direction: SwipeDirection) => void) {
  const [swipe, setSwipe] = useState<Swipe | null>(null);
  const width = useRef(390);
  const swiped = useRef(false);
  const enabled = offer.left || offer.right;

  const handlers = {
    onPointerDown: (e: ReactPointerEvent<HTMLElement>) => {
      if (!enabled || e.pointerType === "mouse" || !e.isPrimary) return;
      width.current = e.currentTarget.getBoundingClientRect().width;
      swiped.current = false;
      setSwipe(startSwipe(e.clientX, e.clientY));
    },
    onPointerMove: (e: ReactPointerEvent<HTMLElement>) => {
      if (!swipe || !e.isPrimary) return;
      const next = moveSwipe(swipe, e.clientX, e.clientY);
      // Once the drag is sideways the row keeps the pointer, even when the finger leaves it.
      if (next.axis === "x" && swipe.axis !== "x") e.currentTarget.setPointerCapture?.(e.pointerId);
      setSwipe(next.axis === "y" ? null : next);
    },
    onPointerUp: (e: ReactPointerEvent<HTMLElement>) => {
      if (!swipe || !e.isPrimary) return;
      const direction = endSwipe(moveSwipe(swipe, e.clientX, e.clientY), offer, width.current);
      swiped.current = swipe.axis === "x";
      setSwipe(null);
      if (direction) onSwipe(direction);
    },
    onPointerCancel: () => setSwipe(null),
    onClickCapture: (e: ReactMouseEvent<HTMLElement>) => {
      if (!swiped.current) return;
      swiped.current = false;
      e.preventDefault();
      e.stopPropagation();
    },
  };
  const offset = swipe ? swipeOffset(swipe, offer, width.current) : 0;
  // pan-y: the browser keeps vertical scrolling and leaves sideways drags to us.
  const style = enabled ? { transform: offset ? `translateX(${offset}px)` : undefined, touchAction: "pan-y" as const } : undefined;
  return { handlers, style, offset, dragging: swipe?.axis === "x" };
}
