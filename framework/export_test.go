package framework

// ParseWith is Parse with the reader of .xls and .et tables, for the
// tests outside the package (they alone can make a sandbox).
var ParseWith = parse
