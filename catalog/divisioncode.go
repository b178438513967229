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

// cityLevelProvinces are the province-level divisions that are cities
// themselves: the municipalities, which the catalog keeps under their
// province-level code (110000 北京, cityNamesEN), and the two special
// administrative regions, which have no prefecture level below them.
var cityLevelProvinces = map[string]bool{"11": true, "12": true, "31": true, "50": true, "81": true, "82": true}

// divisionLevel says of a code shaped as a GB/T 2260 one which level of
// division it names, as far as a city of the catalog is concerned.
type divisionLevel int

const (
	notDivision      divisionLevel = iota // not shaped as a GB/T 2260 code
	cityDivision                          // 330100 杭州, 110000 北京
	provinceDivision                      // 330000 浙江省
	countyDivision                        // 330102 上城区, 110101 东城区
)

// levelOf tells a city's code (330100) from a province's (330000) and a
// district's or county's (330102), so that a lookup of either of the
// latter is told which code to give instead of to add a city. A code
// under a municipality (110101) is a district whatever its middle pair:
// the municipality is the city.
func levelOf(code string) divisionLevel {
	if len(code) != 6 || !isDigits(code) || !provinceCodes[code[:2]] {
		return notDivision
	}
	switch {
	case cityLevelProvinces[code[:2]] && code[2:] == "0000":
		return cityDivision
	case cityLevelProvinces[code[:2]]:
		return countyDivision
	case code[2:] == "0000":
		return provinceDivision
	case code[4:] != "00":
		return countyDivision
	}
	return cityDivision
}

// parentCity is the code of the city a district or county code (levelOf
// countyDivision) lies in: 330102 → 330100, 110101 → 110000.
func parentCity(code string) string {
	if cityLevelProvinces[code[:2]] {
		return code[:2] + "0000"
	}
	return code[:4] + "00"
}
