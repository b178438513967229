package catalog

// provinceCodes are the first two digits of every GB/T 2260 code: the
// provinces, autonomous regions and municipalities (11 北京 … 65 新疆),
// 71 台湾, 81 香港 and 82 澳门.
var provinceCodes = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true,
	"21": true, "22": true, "23": true,
	"31": true, "32": true, "33": true, "34": true, "35": true, "36": true, "37": true,
	"41": true, "42": true, "43": true, "44": true, "45": true, "46": true,
	"50": true, "51": true, "52": true, "53": true, "54": true,
	"61": true, "62": true, "63": true, "64": true, "65": true,
	"71": true, "81": true, "82": true,
}

// divisionCodeShaped reports whether code is shaped as a GB/T 2260 code:
// six digits opening with a province's two. Such a code the catalog
// lacks is a city not added yet (320100 南京), not a typing mistake
// (999999, 33010, 杭州), and the two are told different things.
func divisionCodeShaped(code string) bool {
	return len(code) == 6 && isDigits(code) && provinceCodes[code[:2]]
}
