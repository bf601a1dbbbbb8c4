// Where the map's labels go: a greedy placement that tries a few positions around each anchor
// (right, left, above, below, then the diagonals, then the same further out with a leader line)
// and keeps the first that overlaps nothing already placed, most important labels first. Pure:
// text widths come from a measuring function (an estimate from the character count by default).

/** A box on the drawing, in its user units: top-left corner and size. */
export interface LabelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How much a label matters: lower numbers are placed first and are never dropped (0 impact or prediction, 1 undeflected, 2 places). */
export type LabelPriority = 0 | 1 | 2;

/** A label to place next to the point it names. */
export interface LabelRequest {
  id: string;
  text: string;
  /** The named point on the drawing. */
  anchor: [number, number];
  priority: LabelPriority;
  fontPx: number;
  /** Clear space between the anchor and the text (the marker's radius and a little more). */
  gapPx: number;
}

/** A placed label: where its text starts and on which baseline, the box it covers, and whether it hangs off a leader line. */
export interface PlacedLabel {
  id: string;
  text: string;
  /** Text position for an SVG `<text>` with `text-anchor` and `dominant-baseline: auto` (alphabetic). */
  x: number;
  y: number;
  textAnchor: 'start' | 'middle' | 'end';
  box: LabelBox;
  /** From the anchor to the label's nearest edge, when the label sits away from its point. */
  leader: { x1: number; y1: number; x2: number; y2: number } | null;
  priority: LabelPriority;
}

/** What the placement produced: the labels drawn and the ids of those left out for want of room. */
export interface LabelLayout {
  placed: PlacedLabel[];
  dropped: string[];
}

/** Measures a text's width (user units) at a font size. */
export type MeasureText = (text: string, fontPx: number) => number;

// Average advance of a sans-serif glyph is about 0.5 em; 0.62 em leaves room for bold and wide capitals.
const EM_PER_CHAR = 0.62;
// The text box from the baseline: ascenders reach ~0.8 em above it, descenders ~0.25 em below.
const ASCENT_EM = 0.85;
const DESCENT_EM = 0.3;
// Clear space kept around every box, so that two labels never touch.
const PADDING_EM = 0.15;

/** A width estimate from the number of characters: generous, so that real text fits inside it. */
export const estimateTextWidth: MeasureText = (text, fontPx) => [...text].length * fontPx * EM_PER_CHAR;

/** Whether two boxes share any area (touching edges do not count). */
export function boxesOverlap(a: LabelBox, b: LabelBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

type Direction = 'right' | 'left' | 'above' | 'below' | 'above-right' | 'above-left' | 'below-right' | 'below-left';
const DIRECTIONS: readonly Direction[] = ['right', 'left', 'above', 'below', 'above-right', 'above-left', 'below-right', 'below-left'];
// Leader-line positions push the label this many times its gap further out.
const LEADER_STEPS = [2.5, 4.5];

/**
 * Places the labels, most important first, each at the first candidate position that stays
 * inside `bounds` and overlaps no placed label and no obstacle (marker symbols, insets). A place
 * label that fits nowhere is dropped; a marker label (priority 0 or 1) is never dropped: where
 * nothing fits it takes the candidate that overlaps least.
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  bounds: LabelBox,
  obstacles: readonly LabelBox[] = [],
  measure: MeasureText = estimateTextWidth,
): LabelLayout {
  const order = requests.map((r, i) => ({ r, i })).sort((a, b) => a.r.priority - b.r.priority || a.i - b.i);
  const placed: PlacedLabel[] = [];
  const dropped: string[] = [];
  for (const { r } of order) {
    const width = measure(r.text, r.fontPx) + 2 * PADDING_EM * r.fontPx;
    const candidates = candidatesFor(r, width);
    const inside = candidates.filter((c) => contains(bounds, c.box));
    // Every other label's anchor is an obstacle too, so that no text covers a named point.
    const anchors = requests.filter((o) => o.id !== r.id).map((o) => anchorBox(o));
    const blocked = [...obstacles, ...anchors, ...placed.map((p) => p.box)];
    const free = inside.find((c) => !blocked.some((b) => boxesOverlap(c.box, b)));
    if (free) {
      placed.push({ ...free, id: r.id, text: r.text, priority: r.priority });
      continue;
    }
    if (r.priority === 2) {
      dropped.push(r.id);
      continue;
    }
    // A marker label must be shown: the position inside the drawing that covers the fewest other boxes.
    const pool = inside.length > 0 ? inside : candidates;
    const best = pool.reduce((a, b) => (overlapCount(b.box, blocked) < overlapCount(a.box, blocked) ? b : a));
    placed.push({ ...best, id: r.id, text: r.text, priority: r.priority });
  }
  return { placed, dropped };
}

function overlapCount(box: LabelBox, others: readonly LabelBox[]): number {
  return others.filter((o) => boxesOverlap(box, o)).length;
}

function contains(outer: LabelBox, inner: LabelBox): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

/** The small square an anchor's dot or marker occupies. */
function anchorBox(r: LabelRequest): LabelBox {
  const half = Math.max(2, r.gapPx * 0.6);
  return { x: r.anchor[0] - half, y: r.anchor[1] - half, width: 2 * half, height: 2 * half };
}

type Candidate = Omit<PlacedLabel, 'id' | 'text' | 'priority'>;

function candidatesFor(r: LabelRequest, width: number): Candidate[] {
  const near = DIRECTIONS.map((d) => candidateAt(r, width, d, r.gapPx, false));
  const far = LEADER_STEPS.flatMap((step) => DIRECTIONS.map((d) => candidateAt(r, width, d, r.gapPx * step + r.fontPx * (step - 1) * 0.5, true)));
  return [...near, ...far];
}

/** A label box on one side of its anchor, `gap` away, with the text position inside it. */
function candidateAt(r: LabelRequest, width: number, direction: Direction, gap: number, withLeader: boolean): Candidate {
  const [ax, ay] = r.anchor;
  const pad = PADDING_EM * r.fontPx;
  const height = (ASCENT_EM + DESCENT_EM) * r.fontPx + 2 * pad;
  const diagonal = gap * Math.SQRT1_2;
  let x: number;
  let y: number;
  switch (direction) {
    case 'right':
      x = ax + gap;
      y = ay - height / 2;
      break;
    case 'left':
      x = ax - gap - width;
      y = ay - height / 2;
      break;
    case 'above':
      x = ax - width / 2;
      y = ay - gap - height;
      break;
    case 'below':
      x = ax - width / 2;
      y = ay + gap;
      break;
    case 'above-right':
      x = ax + diagonal;
      y = ay - diagonal - height;
      break;
    case 'above-left':
      x = ax - diagonal - width;
      y = ay - diagonal - height;
      break;
    case 'below-right':
      x = ax + diagonal;
      y = ay + diagonal;
      break;
    case 'below-left':
      x = ax - diagonal - width;
      y = ay + diagonal;
      break;
    default: {
      const never: never = direction;
      throw new Error(`Unknown label direction ${String(never)}`);
    }
  }
  const box = { x, y, width, height };
  const leader = withLeader ? leaderTo(r.anchor, box) : null;
  return { x: x + width / 2, y: y + pad + ASCENT_EM * r.fontPx, textAnchor: 'middle', box, leader };
}

/** A line from the anchor to the nearest point of the box's edge. */
function leaderTo([ax, ay]: [number, number], box: LabelBox): PlacedLabel['leader'] {
  const x2 = Math.min(box.x + box.width, Math.max(box.x, ax));
  const y2 = Math.min(box.y + box.height, Math.max(box.y, ay));
  return { x1: ax, y1: ay, x2, y2 };
}
