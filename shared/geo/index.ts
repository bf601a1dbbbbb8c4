/** Geography for the rules: the risk corridor along great circles, the country under a point, and the population near it. */
export * from './corridor.js';
export * from './countries.js';
export * from './population.js';
