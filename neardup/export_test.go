package neardup

// RefShingles is the shingle set as computed before the thirtieth
// session's step 16, for the external tests on the bench corpus (which
// the package's own tests cannot import: bench imports neardup).
var RefShingles = refShingles
