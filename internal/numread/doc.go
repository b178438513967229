// Package numread holds the rules by which a number written in Chinese
// text reads other than plainly: roughly (三十多所, 300余名, 十几万, 几十万,
// 数百), nearly (近十万: by how much unsaid), or with its digits parted
// by a thousands space or a line break (1 200人, 12\n000人). The values
// package checks a reviewer's number against what a passage writes by
// them, and the index decides by them which value a number holds (what a
// search for a bare number finds), so that both read a number the same
// way: a rough number is no one value, spaced digits are read joined and
// group by group. It imports nothing but internal/cnnum, so that the
// index may use it.
package numread
