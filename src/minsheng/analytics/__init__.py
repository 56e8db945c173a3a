"""Analysis beyond targets: how equal regions are (inequality indices, their split between
and within groups, their trend). Pure and vectorized: arrays in, arrays out; no database,
no web (the use cases gather the arrays, the edges show the results)."""
