// The one part of d3-array (a dependency of d3-geo, without bundled types) that shared/ uses.
declare module 'd3-array' {
  /** Full-precision floating-point addition (Shewchuk), as d3-geo sums spherical areas. */
  export class Adder {
    add(x: number): this;
    valueOf(): number;
  }
}
