// Package values records the quantitative indicators' values of a city for
// a monitoring round — a number, its unit and the passage that proves it —
// checks that the number is written on the cited page in one of the forms
// Chinese statistics use (12.3万, 1,234, 1.2亿, full-width digits,
// 百分之十二, 85.3%, 一万二千, 1万2千, 壹万贰仟), takes a ledger of values from XLSX, and carries a
// city's links, claims and values from one round to the next for the
// coordinator to re-confirm (待确认).
package values
